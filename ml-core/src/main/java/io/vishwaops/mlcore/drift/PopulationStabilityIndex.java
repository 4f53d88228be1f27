package io.vishwaops.mlcore.drift;

/**
 * The population stability index, Evidently's "psi" stattest: Σ (ref − cur) · ln(ref / cur) over the shares per bin
 * of {@link BinnedShares} (Sturges bins for a numeric column with more than 20 distinct reference values, one bin
 * per value otherwise), empty bins filled with a small share. Drift when PSI ≥ 0.1 (Evidently's default); the
 * customary reading is below 0.1 stable, 0.1 to 0.25 a moderate shift, from 0.25 a major one.
 */
public final class PopulationStabilityIndex {

    /** Below this the population counts as stable; Evidently's default drift threshold. */
    public static final double MODERATE = 0.1;
    /** From this on the shift counts as major. */
    public static final double MAJOR = 0.25;

    private PopulationStabilityIndex() {
    }

    public static double of(double[] reference, double[] current) {
        return of(BinnedShares.of(reference, current));
    }

    public static double of(String[] reference, String[] current) {
        return of(BinnedShares.of(reference, current));
    }

    /** PSI between two vectors of shares, as they are (no binning, no filling). */
    public static double ofShares(double[] reference, double[] current) {
        if (reference.length != current.length) {
            throw new IllegalArgumentException("reference and current need the same number of bins");
        }
        double psi = 0;
        for (int i = 0; i < reference.length; i++) {
            psi += (reference[i] - current[i]) * Math.log(reference[i] / current[i]);
        }
        return psi;
    }

    private static double of(BinnedShares shares) {
        BinnedShares filled = shares.withZeroesFilled();
        return ofShares(filled.reference(), filled.current());
    }
}

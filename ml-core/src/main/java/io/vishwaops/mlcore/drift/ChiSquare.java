package io.vishwaops.mlcore.drift;

/**
 * Pearson's χ² goodness-of-fit test, as {@code scipy.stats.chisquare(f_obs, f_exp)}: the statistic
 * Σ (observed − expected)² / expected over k categories, k − 1 degrees of freedom, and the p-value from the χ²
 * survival function Q((k − 1)/2, χ²/2).
 *
 * <p>For drift, {@link #homogeneity} does what Evidently's "chisquare" stattest does: the current counts are the
 * observations and the reference counts, scaled to the current sample's size, the expectations, over the union of
 * the categories in either sample. A category the reference never saw therefore has expectation 0 and, as in
 * scipy, makes the statistic infinite and the p-value 0.
 */
public final class ChiSquare {

    private ChiSquare() {
    }

    /**
     * The outcome of a test.
     *
     * @param statistic Σ (observed − expected)² / expected
     * @param degreesOfFreedom the number of categories minus one
     * @param pValue P(χ²(df) ≥ statistic)
     */
    public record Result(double statistic, int degreesOfFreedom, double pValue) {
    }

    /**
     * Tests observed counts against expected counts (same length, at least two categories). As in scipy, the two
     * must have the same total (relative difference at most 1e-8).
     */
    public static Result goodnessOfFit(double[] observed, double[] expected) {
        if (observed.length != expected.length) {
            throw new IllegalArgumentException("observed and expected need the same number of categories");
        }
        if (observed.length < 2) {
            throw new IllegalArgumentException("the test needs at least two categories");
        }
        double observedTotal = 0;
        double expectedTotal = 0;
        for (int i = 0; i < observed.length; i++) {
            observedTotal += observed[i];
            expectedTotal += expected[i];
        }
        if (Math.abs(observedTotal - expectedTotal) > 1e-8 * Math.max(observedTotal, expectedTotal)) {
            throw new IllegalArgumentException("observed total " + observedTotal + " differs from expected total "
                    + expectedTotal);
        }
        double statistic = 0;
        for (int i = 0; i < observed.length; i++) {
            double diff = observed[i] - expected[i];
            statistic += diff * diff / expected[i];
        }
        int df = observed.length - 1;
        double p = Double.isInfinite(statistic) ? 0 : SpecialFunctions.chiSquareSurvival(statistic, df);
        return new Result(statistic, df, p);
    }

    /** Evidently's "chisquare" stattest: current counts against reference shares times the current size. */
    public static Result homogeneity(String[] reference, String[] current) {
        CategoryCounts counts = CategoryCounts.of(reference, current);
        return homogeneity(counts);
    }

    static Result homogeneity(CategoryCounts counts) {
        double scale = (double) counts.currentTotal() / counts.referenceTotal();
        int k = counts.size();
        double[] observed = new double[k];
        double[] expected = new double[k];
        for (int i = 0; i < k; i++) {
            observed[i] = counts.current(i);
            expected[i] = counts.reference(i) * scale;
        }
        if (k < 2) {
            // one category in both samples: nothing can differ (scipy would return NaN here)
            return new Result(0, 0, 1);
        }
        return goodnessOfFit(observed, expected);
    }
}

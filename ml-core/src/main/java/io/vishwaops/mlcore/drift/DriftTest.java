package io.vishwaops.mlcore.drift;

import java.util.Arrays;

/**
 * Compares a feature's current sample with its reference sample, with Evidently's choice of method when none is
 * given (its {@code _get_default_stattest}):
 *
 * <table>
 * <caption>default method</caption>
 * <tr><th></th><th>reference ≤ 1000 values</th><th>reference &gt; 1000 values</th></tr>
 * <tr><td>numeric, more than 5 distinct values in both samples together</td><td>KS (p ≤ 0.05)</td>
 * <td>Wasserstein normed (≥ 0.1)</td></tr>
 * <tr><td>numeric with at most 5, or categorical</td><td>χ² (p &lt; 0.05); Z when at most 2 values</td>
 * <td>Jensen–Shannon (≥ 0.1)</td></tr>
 * </table>
 *
 * <p>Missing values (non-finite numbers, {@code null} categories) are dropped first, and the reference size is
 * counted after that. A sample with nothing left is refused.
 */
public final class DriftTest {

    /** Up to this many reference values Evidently uses a statistical test, above it a distance. */
    public static final int MAX_REFERENCE_FOR_TESTS = 1000;
    /** A numeric column with at most this many distinct values is compared as categories. */
    public static final int MAX_DISTINCT_AS_CATEGORIES = 5;

    private DriftTest() {
    }

    /** Evidently's default method and threshold for a numeric feature. */
    public static DriftResult numeric(double[] reference, double[] current) {
        return numeric(reference, current, null, null);
    }

    /**
     * A numeric feature with the given method ({@code null}: the default) and threshold ({@code null}: the method's
     * default).
     */
    public static DriftResult numeric(double[] reference, double[] current, DriftMethod method, Double threshold) {
        double[] ref = finite(reference, "reference");
        double[] cur = finite(current, "current");
        DriftMethod chosen = method != null ? method : defaultMethod(ref, cur);
        if (!chosen.appliesToNumeric()) {
            throw new IllegalArgumentException(chosen.stattest() + " does not apply to numeric features");
        }
        double score = switch (chosen) {
            case KS -> KolmogorovSmirnov.twoSample(ref, cur).pValue();
            case CHI_SQUARE -> ChiSquare.homogeneity(CategoryCounts.of(ref, cur)).pValue();
            case Z -> ProportionsZTest.test(CategoryCounts.of(ref, cur)).pValue();
            case WASSERSTEIN -> Wasserstein.normed(ref, cur);
            case JENSEN_SHANNON -> jensenShannon(BinnedShares.of(ref, cur));
            case PSI -> PopulationStabilityIndex.of(ref, cur);
        };
        return DriftResult.of(chosen, score, threshold != null ? threshold : chosen.defaultThreshold());
    }

    /** Evidently's default method and threshold for a categorical feature. */
    public static DriftResult categorical(String[] reference, String[] current) {
        return categorical(reference, current, null, null);
    }

    /** A categorical feature with the given method and threshold, either {@code null} for the default. */
    public static DriftResult categorical(String[] reference, String[] current, DriftMethod method,
            Double threshold) {
        CategoryCounts counts = CategoryCounts.of(reference, current);
        DriftMethod chosen = method != null ? method : defaultMethod(counts);
        if (!chosen.appliesToCategorical()) {
            throw new IllegalArgumentException(chosen.stattest() + " does not apply to categorical features");
        }
        double score = switch (chosen) {
            case CHI_SQUARE -> ChiSquare.homogeneity(counts).pValue();
            case Z -> ProportionsZTest.test(counts).pValue();
            case JENSEN_SHANNON -> JensenShannon.distance(counts.referenceShares(), counts.currentShares());
            case PSI -> PopulationStabilityIndex.of(reference, current);
            case KS, WASSERSTEIN -> throw new AssertionError(chosen);
        };
        return DriftResult.of(chosen, score, threshold != null ? threshold : chosen.defaultThreshold());
    }

    /** The method Evidently picks for a numeric feature (missing values already dropped). */
    public static DriftMethod defaultMethod(double[] reference, double[] current) {
        boolean small = reference.length <= MAX_REFERENCE_FOR_TESTS;
        int distinct = distinctUpTo(MAX_DISTINCT_AS_CATEGORIES + 1, reference, current);
        if (distinct <= MAX_DISTINCT_AS_CATEGORIES) {
            return small ? (distinct > 2 ? DriftMethod.CHI_SQUARE : DriftMethod.Z) : DriftMethod.JENSEN_SHANNON;
        }
        return small ? DriftMethod.KS : DriftMethod.WASSERSTEIN;
    }

    /** The method Evidently picks for a categorical feature. */
    public static DriftMethod defaultMethod(String[] reference, String[] current) {
        return defaultMethod(CategoryCounts.of(reference, current));
    }

    private static DriftMethod defaultMethod(CategoryCounts counts) {
        if (counts.referenceTotal() > MAX_REFERENCE_FOR_TESTS) {
            return DriftMethod.JENSEN_SHANNON;
        }
        return counts.size() > 2 ? DriftMethod.CHI_SQUARE : DriftMethod.Z;
    }

    private static double jensenShannon(BinnedShares shares) {
        return JensenShannon.distance(shares.reference(), shares.current());
    }

    private static double[] finite(double[] values, String name) {
        double[] kept = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (kept.length == 0) {
            throw new IllegalArgumentException(name + " needs at least one non-missing value");
        }
        return kept;
    }

    /**
     * How many distinct finite values the samples hold together, counted up to {@code limit} and no further: the
     * default method only needs to know whether there are more than {@link #MAX_DISTINCT_AS_CATEGORIES}, and on a
     * million values the count stops after a few. {@code -0.0} and {@code 0.0} are one value.
     */
    public static int distinctUpTo(int limit, double[]... samples) {
        double[] seen = new double[limit];
        int n = 0;
        for (double[] sample : samples) {
            for (double v : sample) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                boolean known = false;
                for (int i = 0; i < n; i++) {
                    if (seen[i] == v) {
                        known = true;
                        break;
                    }
                }
                if (!known) {
                    seen[n++] = v;
                    if (n == limit) {
                        return n;
                    }
                }
            }
        }
        return n;
    }
}

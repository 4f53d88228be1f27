package io.vishwaops.monitoring.drift;

import io.vishwaops.mlcore.drift.DriftMethod;
import io.vishwaops.mlcore.drift.DriftTest;

/**
 * Evidently's default method for a numeric column, as {@link DriftTest#defaultMethod(double[], double[])} picks it,
 * without its cost: that counts the distinct values of both samples by sorting them together, a million-value sort
 * only to learn whether there are more than five. Here the count stops at six.
 */
final class DefaultMethod {

    private DefaultMethod() {
    }

    /** The method for a numeric column; non-finite values (missing) do not count. */
    static DriftMethod numeric(double[] reference, double[] current) {
        int referenceSize = 0;
        for (double v : reference) {
            if (Double.isFinite(v)) {
                referenceSize++;
            }
        }
        boolean small = referenceSize <= DriftTest.MAX_REFERENCE_FOR_TESTS;
        int distinct = distinctUpTo(DriftTest.MAX_DISTINCT_AS_CATEGORIES + 1, reference, current);
        if (distinct <= DriftTest.MAX_DISTINCT_AS_CATEGORIES) {
            return small ? (distinct > 2 ? DriftMethod.CHI_SQUARE : DriftMethod.Z) : DriftMethod.JENSEN_SHANNON;
        }
        return small ? DriftMethod.KS : DriftMethod.WASSERSTEIN;
    }

    private static int distinctUpTo(int limit, double[]... samples) {
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

package io.vishwaops.monitoring.drift;

import io.vishwaops.mlcore.drift.DriftMethod;
import io.vishwaops.mlcore.drift.DriftTest;

/**
 * Evidently's default method for a numeric column, as {@link DriftTest#defaultMethod(double[], double[])} picks it,
 * for a window that still holds missing values (non-finite): they count neither towards the reference's size nor
 * as a distinct value.
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
        int distinct = DriftTest.distinctUpTo(DriftTest.MAX_DISTINCT_AS_CATEGORIES + 1, reference, current);
        if (distinct <= DriftTest.MAX_DISTINCT_AS_CATEGORIES) {
            return small ? (distinct > 2 ? DriftMethod.CHI_SQUARE : DriftMethod.Z) : DriftMethod.JENSEN_SHANNON;
        }
        return small ? DriftMethod.KS : DriftMethod.WASSERSTEIN;
    }
}

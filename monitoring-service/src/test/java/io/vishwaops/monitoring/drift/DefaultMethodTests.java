package io.vishwaops.monitoring.drift;

import java.util.SplittableRandom;

import io.vishwaops.mlcore.drift.DriftTest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shortcut must pick what ml-core's rule picks, on every kind of column. */
class DefaultMethodTests {

    @Test
    void picksWhatMlCorePicks() {
        SplittableRandom random = new SplittableRandom(11);
        for (int referenceSize : new int[] {50, 1000, 1001, 5000}) {
            for (int levels : new int[] {1, 2, 3, 5, 6, 40, 0}) {
                double[] reference = sample(random, referenceSize, levels);
                double[] current = sample(random, 2000, levels);
                current[0] = Double.NaN;
                reference[0] = -0.0;
                double[] finiteCurrent = java.util.Arrays.stream(current).filter(Double::isFinite).toArray();
                assertThat(DefaultMethod.numeric(reference, current))
                        .as("reference %d values, %d levels", referenceSize, levels)
                        .isEqualTo(DriftTest.defaultMethod(reference, finiteCurrent));
            }
        }
    }

    @Test
    void aValueOnlyTheCurrentWindowHasCounts() {
        double[] reference = {1, 2, 3, 4, 5, 1, 2};
        assertThat(DefaultMethod.numeric(reference, new double[] {1, 2})).isEqualTo(DriftTest.defaultMethod(reference,
                new double[] {1, 2}));
        assertThat(DefaultMethod.numeric(reference, new double[] {6})).isEqualTo(DriftTest.defaultMethod(reference,
                new double[] {6}));
    }

    private static double[] sample(SplittableRandom random, int n, int levels) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = levels == 0 ? random.nextGaussian() : random.nextInt(levels);
        }
        return out;
    }
}

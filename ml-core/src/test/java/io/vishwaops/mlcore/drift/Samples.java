package io.vishwaops.mlcore.drift;

import java.util.Arrays;
import java.util.Collections;
import java.util.stream.IntStream;

/**
 * Fixed samples that Python computes bit for bit the same way, so reference values can come from scipy:
 * {@code golden(n, shift, scale)[i-1] = ((i * 0.6180339887498949) % 1.0) * scale + shift} for i = 1..n, and
 * {@code plastic} the same with 0.7548776662466927 (low-discrepancy sequences, so near-uniform on [shift,
 * shift + scale)). The script that produced every "scipy 1.17.1" value in these tests defines them identically.
 */
final class Samples {

    private static final double GOLDEN = 0.6180339887498949;
    private static final double PLASTIC = 0.7548776662466927;

    private Samples() {
    }

    static double[] golden(int n, double shift, double scale) {
        return sequence(GOLDEN, n, shift, scale);
    }

    static double[] plastic(int n, double shift, double scale) {
        return sequence(PLASTIC, n, shift, scale);
    }

    private static double[] sequence(double step, int n, double shift, double scale) {
        return IntStream.rangeClosed(1, n).mapToDouble(i -> ((i * step) % 1.0) * scale + shift).toArray();
    }

    /** {@code count} copies of {@code value}, then the next pairs: repeat("a", 30, "b", 50). */
    static String[] repeat(Object... valueCountPairs) {
        return IntStream.range(0, valueCountPairs.length / 2)
                .boxed()
                .flatMap(i -> Collections.nCopies((Integer) valueCountPairs[2 * i + 1],
                        (String) valueCountPairs[2 * i]).stream())
                .toArray(String[]::new);
    }

    static double[] repeat(double[] values, int times) {
        double[] out = new double[values.length * times];
        for (int t = 0; t < times; t++) {
            System.arraycopy(values, 0, out, t * values.length, values.length);
        }
        return out;
    }

    static double[] concat(double[]... parts) {
        return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
    }
}

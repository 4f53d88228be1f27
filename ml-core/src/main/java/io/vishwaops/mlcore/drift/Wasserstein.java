package io.vishwaops.mlcore.drift;

import java.util.Arrays;

/**
 * The first Wasserstein (earth mover's) distance between two 1-D samples, as
 * {@code scipy.stats.wasserstein_distance(u, v)}: ∫ |F_u(t) − F_v(t)| dt over the two empirical CDFs, summed
 * exactly between consecutive observed values. And Evidently's normed variant, the "wasserstein" stattest.
 */
public final class Wasserstein {

    /** Evidently's floor on the reference standard deviation, so a constant reference does not divide by zero. */
    static final double MIN_NORM = 0.001;

    private Wasserstein() {
    }

    /** The distance; both samples non-empty and finite. */
    public static double distance(double[] u, double[] v) {
        double[] x = sortedFinite(u, "u");
        double[] y = sortedFinite(v, "v");
        int i = 0;
        int j = 0;
        double sum = 0;
        double previous = Math.min(x[0], y[0]);
        while (i < x.length || j < y.length) {
            double t = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
            // between the previous value and t both CDFs are flat at i/|x| and j/|y|
            sum += Math.abs((double) i / x.length - (double) j / y.length) * (t - previous);
            while (i < x.length && x[i] == t) {
                i++;
            }
            while (j < y.length && y[j] == t) {
                j++;
            }
            previous = t;
        }
        return sum;
    }

    /**
     * Evidently's normed distance: {@code wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)}, numpy's
     * standard deviation with ddof = 0 (divided by n, not n − 1).
     */
    public static double normed(double[] reference, double[] current) {
        return distance(reference, current) / Math.max(populationStandardDeviation(reference), MIN_NORM);
    }

    /** √(Σ (x − mean)² / n), in two passes so a large mean costs no precision. */
    static double populationStandardDeviation(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / values.length);
    }

    private static double[] sortedFinite(double[] values, String name) {
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " needs at least one value");
        }
        double[] copy = values.clone();
        for (double v : copy) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " must hold finite values only");
            }
        }
        Arrays.sort(copy);
        return copy;
    }
}

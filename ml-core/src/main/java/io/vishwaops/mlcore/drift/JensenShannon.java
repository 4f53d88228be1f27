package io.vishwaops.mlcore.drift;

/**
 * The Jensen–Shannon distance between two discrete distributions, as {@code scipy.spatial.distance.jensenshannon(p, q)}
 * with its default natural logarithm: √((KL(p‖m) + KL(q‖m)) / 2) with m = (p + q)/2, after scaling p and q to sum
 * to 1. It lies in [0, √ln 2]. Evidently's "jensenshannon" stattest calls it with the default base since 0.4; its
 * threshold is 0.1.
 */
public final class JensenShannon {

    private JensenShannon() {
    }

    /** The distance between {@code p} and {@code q}: non-negative weights, same length, neither all zero. */
    public static double distance(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("p and q need the same length");
        }
        double pSum = sum(p);
        double qSum = sum(q);
        if (!(pSum > 0) || !(qSum > 0)) {
            throw new IllegalArgumentException("p and q need a positive total");
        }
        double divergence = 0;
        for (int i = 0; i < p.length; i++) {
            double pi = p[i] / pSum;
            double qi = q[i] / qSum;
            double mi = (pi + qi) / 2;
            divergence += relativeEntropy(pi, mi) + relativeEntropy(qi, mi);
        }
        return Math.sqrt(Math.max(divergence, 0) / 2);
    }

    /** scipy's {@code rel_entr}: x ln(x/y), 0 for x = 0. */
    private static double relativeEntropy(double x, double y) {
        return x == 0 ? 0 : x * Math.log(x / y);
    }

    private static double sum(double[] weights) {
        double s = 0;
        for (double w : weights) {
            if (w < 0 || Double.isNaN(w)) {
                throw new IllegalArgumentException("weights must be non-negative");
            }
            s += w;
        }
        return s;
    }
}

package io.vishwaops.mlcore.metrics;

/** Errors of numeric predictions against the truth. */
public final class RegressionMetrics {

    private RegressionMetrics() {
    }

    public static double rmse(double[] truth, double[] predicted) {
        Checks.sameLength(truth.length, predicted.length);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = truth[i] - predicted[i];
            sum += d * d;
        }
        return Math.sqrt(sum / truth.length);
    }

    public static double mae(double[] truth, double[] predicted) {
        Checks.sameLength(truth.length, predicted.length);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum += Math.abs(truth[i] - predicted[i]);
        }
        return sum / truth.length;
    }

    /**
     * Coefficient of determination, 1 - SS_res / SS_tot: 1 is perfect, 0 is no better than the mean, and it is
     * negative for worse. With a constant truth it is 1 for exact predictions and 0 otherwise, as in scikit-learn.
     */
    public static double r2(double[] truth, double[] predicted) {
        Checks.sameLength(truth.length, predicted.length);
        double mean = 0;
        for (double t : truth) {
            mean += t;
        }
        mean /= truth.length;
        double residual = 0;
        double total = 0;
        for (int i = 0; i < truth.length; i++) {
            residual += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            total += (truth[i] - mean) * (truth[i] - mean);
        }
        if (total == 0) {
            return residual == 0 ? 1 : 0;
        }
        return 1 - residual / total;
    }
}

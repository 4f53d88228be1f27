package io.vishwaops.mlcore.train;

import java.io.Serial;
import java.io.Serializable;

/**
 * Centres and scales each feature by its training mean and standard deviation. Kept inside the models that need it
 * (logistic regression's penalty and the MLP's gradient steps depend on feature scale), so a caller that forgets to
 * scale still gets a sensible model and serving applies exactly the training statistics.
 */
record Standardization(double[] means, double[] scales) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    static Standardization fit(double[][] x) {
        int p = x[0].length;
        double[] means = new double[p];
        double[] scales = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                means[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            means[j] /= x.length;
        }
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                double d = row[j] - means[j];
                scales[j] += d * d;
            }
        }
        for (int j = 0; j < p; j++) {
            double sd = Math.sqrt(scales[j] / x.length);
            // a constant column carries no information: leave it centred at 0 instead of dividing by 0
            scales[j] = sd > 1e-12 ? sd : 1.0;
        }
        return new Standardization(means, scales);
    }

    double[] apply(double[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = (row[j] - means[j]) / scales[j];
        }
        return out;
    }

    double[][] apply(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = apply(rows[i]);
        }
        return out;
    }
}

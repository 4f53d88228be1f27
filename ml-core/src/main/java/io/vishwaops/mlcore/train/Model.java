package io.vishwaops.mlcore.train;

import java.io.Serializable;
import java.util.Map;

/**
 * A fitted model over rows of {@link #featureCount()} numeric features. Serializable so the model bundle can carry
 * it; safe to call from several threads once fitted.
 */
public interface Model extends Serializable {

    Algorithm algorithm();

    Task task();

    int featureCount();

    /** The hyper-parameters it was fitted with, defaults filled in. */
    Map<String, Object> parameters();

    /** The predicted value for regression; for a classifier the index of the predicted class. */
    double predict(double[] row);

    default double[] predict(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = predict(rows[i]);
        }
        return out;
    }
}

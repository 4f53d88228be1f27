package io.vishwaops.mlcore.train;

import java.util.List;

/** A classifier: class probabilities over {@link #classNames()}, and the most probable class. */
public interface ClassificationModel extends Model {

    /** Class names; probabilities and predicted indexes follow this order. */
    List<String> classNames();

    /** One probability per class, summing to 1 (a class the model never saw in training gets 0). */
    double[] predictProbabilities(double[] row);

    default double[][] predictProbabilities(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = predictProbabilities(rows[i]);
        }
        return out;
    }

    /** The most probable class; ties go to the lower index. */
    default int predictClass(double[] row) {
        return argMax(predictProbabilities(row));
    }

    default int[] predictClasses(double[][] rows) {
        double[][] probabilities = predictProbabilities(rows);
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = argMax(probabilities[i]);
        }
        return out;
    }

    @Override
    default double predict(double[] row) {
        return predictClass(row);
    }

    @Override
    default double[] predict(double[][] rows) {
        int[] classes = predictClasses(rows);
        double[] out = new double[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = classes[i];
        }
        return out;
    }

    private static int argMax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}

package io.vishwaops.mlcore.select;

import java.util.List;
import java.util.SplittableRandom;

import io.vishwaops.mlcore.train.TrainingSet;

/** Seeded data with a known signal: the class or target depends on the first two columns only, the rest is noise. */
final class Synthetic {

    private Synthetic() {
    }

    /** Class 1 when x0 + x1 plus some noise is positive; columns 2.. are noise. */
    static TrainingSet binary(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][columns];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                x[i][j] = gaussian(random);
            }
            y[i] = x[i][0] + x[i][1] + 0.5 * gaussian(random) > 0 ? 1 : 0;
        }
        return TrainingSet.classification(x, y, List.of("no", "yes"));
    }

    /** Three classes by the sign pattern of x0 and x1; columns 2.. are noise. */
    static TrainingSet multiclass(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][columns];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                x[i][j] = gaussian(random);
            }
            y[i] = x[i][0] < -0.4 ? 0 : x[i][1] < 0 ? 1 : 2;
        }
        return TrainingSet.classification(x, y, List.of("a", "b", "c"));
    }

    /** y = 3 x0 - 2 x1 + noise; columns 2.. are noise. */
    static TrainingSet regression(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][columns];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                x[i][j] = gaussian(random);
            }
            y[i] = 3 * x[i][0] - 2 * x[i][1] + 0.3 * gaussian(random);
        }
        return TrainingSet.regression(x, y);
    }

    static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}

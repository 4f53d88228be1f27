package io.vishwaops.mlcore.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The Java evaluator of XGBoost boosters gives XGBoost4J's own answers, missing values and ties included. */
class XGBoostTreesTests {

    private static final int FEATURES = 6;
    private static final int ROWS = 4000;
    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest
    @EnumSource(Task.class)
    void modelsOfTheTrainerScoreInJavaAsXGBoostDoes(Task task) {
        TrainingSet train = trainingSet(task, 2000, 1);
        XGBoostModel model = (XGBoostModel) Trainers.create(Algorithm.XGBOOST, task,
                Map.of("trees", 60, "max_depth", 6, "subsample", 0.8)).fit(train, 7);

        assertThat(model.evaluatedInJava()).isTrue();
        double[][] rows = rows(ROWS, 2, 0.15);
        assertSame(model.nativeRaw(rows), model.raw(rows));
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void boostersTrainedWithMissingValuesSendThemTheLearnedWay(Task task) throws Exception {
        int classes = task == Task.MULTICLASS ? 4 : 2;
        double[][] train = rows(3000, 3, 0.2);
        float[] labels = new float[train.length];
        for (int i = 0; i < train.length; i++) {
            labels[i] = label(task, train[i], classes);
        }
        Map<String, Object> params = new HashMap<>(Map.of("max_depth", 5, "eta", 0.3, "tree_method", "hist",
                "verbosity", 0, "nthread", 1, "seed", 3));
        switch (task) {
            case BINARY -> params.put("objective", "binary:logistic");
            case MULTICLASS -> {
                params.put("objective", "multi:softprob");
                params.put("num_class", classes);
            }
            case REGRESSION -> params.put("objective", "reg:squarederror");
        }
        DMatrix matrix = XGBoostModel.matrix(train);
        matrix.setLabel(labels);
        Booster booster = XGBoost.train(matrix, params, 40, Map.of(), null, null);
        XGBoostModel model = XGBoostModel.of(task, Map.of(), names(classes), FEATURES, booster.toByteArray());
        booster.dispose();
        matrix.dispose();

        assertThat(model.evaluatedInJava()).isTrue();
        double[][] rows = rows(ROWS, 4, 0.3);
        rows[0] = new double[FEATURES];
        java.util.Arrays.fill(rows[0], Double.NaN);
        assertSame(model.nativeRaw(rows), model.raw(rows));
    }

    @Test
    void logisticRegressionObjectiveOnShares() throws Exception {
        double[][] train = rows(2000, 7, 0.1);
        float[] shares = new float[train.length];
        for (int i = 0; i < train.length; i++) {
            shares[i] = (float) (1 / (1 + Math.exp(-label(Task.REGRESSION, train[i], 2) / 10 + 1)));
        }
        DMatrix matrix = XGBoostModel.matrix(train);
        matrix.setLabel(shares);
        Booster booster = XGBoost.train(matrix, new HashMap<>(Map.of("objective", "reg:logistic", "max_depth", 4,
                "verbosity", 0, "nthread", 1, "seed", 5)), 30, Map.of(), null, null);
        XGBoostModel model = XGBoostModel.of(Task.REGRESSION, Map.of(), List.of(), FEATURES, booster.toByteArray());
        booster.dispose();
        matrix.dispose();

        assertThat(model.evaluatedInJava()).isTrue();
        double[][] rows = rows(ROWS, 8, 0.2);
        assertSame(model.nativeRaw(rows), model.raw(rows));
    }

    @Test
    void aBoosterTheEvaluatorDoesNotCoverIsScoredByXGBoost4J() throws Exception {
        double[][] train = rows(500, 5, 0);
        float[] labels = new float[train.length];
        for (int i = 0; i < train.length; i++) {
            labels[i] = Math.abs(label(Task.REGRESSION, train[i], 2));
        }
        DMatrix matrix = XGBoostModel.matrix(train);
        matrix.setLabel(labels);
        Booster booster = XGBoost.train(matrix, new HashMap<>(Map.of("objective", "count:poisson", "verbosity", 0,
                "nthread", 1)), 10, Map.of(), null, null);
        XGBoostModel model = XGBoostModel.of(Task.REGRESSION, Map.of(), List.of(), FEATURES, booster.toByteArray());
        booster.dispose();
        matrix.dispose();

        assertThat(model.evaluatedInJava()).isFalse();
        double[][] rows = rows(50, 6, 0.1);
        assertSame(model.nativeRaw(rows), model.raw(rows));
    }

    private static void assertSame(float[][] expected, float[][] actual) {
        assertThat(actual.length).isEqualTo(expected.length);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("outputs of row %d", i).hasSize(expected[i].length);
            for (int k = 0; k < expected[i].length; k++) {
                worst = Math.max(worst, Math.abs(expected[i][k] - actual[i][k]));
            }
        }
        assertThat(worst).as("largest difference from XGBoost4J").isLessThanOrEqualTo(TOLERANCE);
    }

    /**
     * Rows with two continuous columns, two small-integer columns (values equal to split thresholds, where {@code <}
     * against {@code <=} would show), a wide-range column and a binary one; {@code missing} of the values NaN.
     */
    private static double[][] rows(int n, long seed, double missing) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][FEATURES];
        for (double[] row : rows) {
            row[0] = random.nextGaussian();
            row[1] = random.nextDouble() * 10 - 5;
            row[2] = random.nextInt(6);
            row[3] = random.nextInt(3);
            row[4] = Math.exp(random.nextGaussian() * 4);
            row[5] = random.nextBoolean() ? 1 : 0;
            for (int j = 0; j < FEATURES; j++) {
                if (random.nextDouble() < missing) {
                    row[j] = Double.NaN;
                }
            }
        }
        return rows;
    }

    private static float label(Task task, double[] row, int classes) {
        double score = value(row[0]) + 0.3 * value(row[1]) - 0.5 * value(row[2]) + value(row[3]) * value(row[5])
                + 0.2 * Math.log1p(Double.isNaN(row[4]) ? 1 : row[4]);
        return switch (task) {
            case BINARY -> score > 0 ? 1 : 0;
            case MULTICLASS -> (float) Math.max(0, Math.min(classes - 1, Math.floor(score + classes / 2.0)));
            case REGRESSION -> (float) (10 + 3 * score);
        };
    }

    private static double value(double v) {
        return Double.isNaN(v) ? 0.7 : v;
    }

    private static TrainingSet trainingSet(Task task, int n, long seed) {
        double[][] features = rows(n, seed, 0);
        int classes = task == Task.MULTICLASS ? 4 : 2;
        if (task == Task.REGRESSION) {
            double[] targets = new double[n];
            for (int i = 0; i < n; i++) {
                targets[i] = label(task, features[i], classes);
            }
            return TrainingSet.regression(features, targets);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (int) label(task, features[i], classes);
        }
        return TrainingSet.classification(features, labels, names(classes));
    }

    private static List<String> names(int classes) {
        return java.util.stream.IntStream.range(0, classes).mapToObj(k -> "c" + k).toList();
    }
}

package io.vishwaops.mlcore.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.vishwaops.mlcore.metrics.ClassificationMetrics;
import io.vishwaops.mlcore.metrics.RegressionMetrics;

class TrainerTests {

    /** Small ensembles and few epochs: the point is behaviour, not accuracy, within the module's test budget. */
    private static final Map<Algorithm, Map<String, Object>> SMALL = Map.of(
            Algorithm.RANDOM_FOREST, Map.of("trees", 20),
            Algorithm.GRADIENT_BOOSTING, Map.of("trees", 30, "learning_rate", 0.2),
            Algorithm.XGBOOST, Map.of("trees", 20, "subsample", 0.8),
            Algorithm.MLP, Map.of("epochs", 20, "hidden_layers", List.of(16)));

    static Stream<Arguments> candidates() {
        return Arrays.stream(Algorithm.values()).flatMap(a -> Arrays.stream(Task.values())
                .filter(a::supports).map(t -> Arguments.of(a, t)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("candidates")
    void fitsBeatsTheBaselineIsReproducibleAndSurvivesSerialization(Algorithm algorithm, Task task) throws Exception {
        skipMlpWithoutOpenBlas(algorithm);
        TrainingSet train = data(task, 240, 1);
        TrainingSet test = data(task, 120, 2);
        Trainer trainer = Trainers.create(algorithm, task, SMALL.getOrDefault(algorithm, Map.of()));

        Model model = trainer.fit(train, 42);
        Model again = trainer.fit(train, 42);
        Model copy = roundTrip(model);

        assertThat(model.algorithm()).isEqualTo(algorithm);
        assertThat(model.task()).isEqualTo(task);
        assertThat(again.predict(test.features())).containsExactly(model.predict(test.features()));
        assertThat(copy.predict(test.features())).containsExactly(model.predict(test.features()));
        if (model instanceof ClassificationModel classifier) {
            double[][] probabilities = classifier.predictProbabilities(test.features());
            assertThat(((ClassificationModel) again).predictProbabilities(test.features())).isDeepEqualTo(probabilities);
            assertThat(((ClassificationModel) copy).predictProbabilities(test.features())).isDeepEqualTo(probabilities);
            for (double[] p : probabilities) {
                assertThat(p).hasSize(test.classNames().size());
                assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            }
            double accuracy = ClassificationMetrics.accuracy(test.labels(), classifier.predictClasses(test.features()));
            double floor = algorithm == Algorithm.BASELINE ? 0.2 : 0.8;
            assertThat(accuracy).as("accuracy on well separated classes").isGreaterThan(floor);
        } else {
            assertThat(model).isNotInstanceOf(ClassificationModel.class);
            double rmse = RegressionMetrics.rmse(test.targets(), model.predict(test.features()));
            double baselineRmse = RegressionMetrics.rmse(test.targets(),
                    Trainers.create(Algorithm.BASELINE, task, Map.of()).fit(train, 1).predict(test.features()));
            if (algorithm != Algorithm.BASELINE) {
                assertThat(rmse).as("rmse against the mean's " + baselineRmse).isLessThan(baselineRmse * 0.6);
            }
        }
    }

    @Test
    void aDifferentSeedGivesADifferentForest() {
        TrainingSet train = data(Task.BINARY, 240, 1);
        Trainer forest = Trainers.create(Algorithm.RANDOM_FOREST, Task.BINARY, Map.of("trees", 5));
        double[][] rows = data(Task.BINARY, 60, 3).features();
        ClassificationModel a = (ClassificationModel) forest.fit(train, 1);
        ClassificationModel b = (ClassificationModel) forest.fit(train, 2);
        assertThat(b.predictProbabilities(rows)).isNotEqualTo(a.predictProbabilities(rows));
    }

    @Test
    void theBaselinePredictsTheMajorityWithTheTrainingShares() {
        TrainingSet data = TrainingSet.classification(new double[][] {{0}, {1}, {2}, {3}}, new int[] {1, 1, 1, 0},
                List.of("no", "yes"));
        ClassificationModel model = (ClassificationModel) Trainers.create("baseline", Task.BINARY, Map.of()).fit(data, 0);
        assertThat(model.predictClass(new double[] {9})).isEqualTo(1);
        assertThat(model.predictProbabilities(new double[] {9})).containsExactly(0.25, 0.75);

        Model mean = Trainers.create("baseline", Task.REGRESSION, null)
                .fit(TrainingSet.regression(new double[][] {{0}, {1}}, new double[] {2, 4}), 0);
        assertThat(mean.predict(new double[] {5})).isEqualTo(3.0);
    }

    @Test
    void aClassMissingFromTheTrainingRowsGetsProbabilityZero() {
        TrainingSet data = data(Task.MULTICLASS, 150, 1);
        int[] rowsWithoutClass2 = java.util.stream.IntStream.range(0, data.size())
                .filter(i -> data.labels()[i] != 2).toArray();
        ClassificationModel tree = (ClassificationModel) Trainers.create(Algorithm.DECISION_TREE, Task.MULTICLASS, Map.of())
                .fit(data.rows(rowsWithoutClass2), 1);
        double[] p = tree.predictProbabilities(data.features()[0]);
        assertThat(p).hasSize(3);
        assertThat(p[2]).isZero();
    }

    @Test
    void hyperParameterErrorsNameTheParameter() {
        assertThatThrownBy(() -> Trainers.create("random_forest", Task.BINARY, Map.of("ntrees", 10)))
                .isInstanceOfSatisfying(InvalidHyperParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("ntrees"))
                .hasMessageContaining("'ntrees' is not a hyper-parameter of random_forest")
                .hasMessageContaining("trees");
        assertThatThrownBy(() -> Trainers.create("xgboost", Task.REGRESSION, Map.of("learning_rate", 0)))
                .isInstanceOfSatisfying(InvalidHyperParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("learning_rate"))
                .hasMessageContaining("(0.0, 1.0]");
        assertThatThrownBy(() -> Trainers.create("decision_tree", Task.MULTICLASS, Map.of("max_depth", 2.5)))
                .hasMessageContaining("'max_depth' must be an integer, was 2.5");
        assertThatThrownBy(() -> Trainers.create("decision_tree", Task.BINARY, Map.of("split_rule", "gain")))
                .hasMessageContaining("'split_rule' must be one of gini, entropy, classification_error");
        assertThatThrownBy(() -> Trainers.create("mlp", Task.BINARY, Map.of("hidden_layers", List.of(8, 0))))
                .hasMessageContaining("'hidden_layers'");
        // a whole number that arrived as a double from JSON is still an integer
        assertThat(Trainers.create("random_forest", Task.BINARY, Map.of("trees", 10.0)).parameters())
                .containsEntry("trees", 10);
    }

    @Test
    void unknownAlgorithmsAndTasksItCannotDoAreRefused() {
        assertThatThrownBy(() -> Trainers.create("svm", Task.BINARY, Map.of()))
                .hasMessageContaining("unknown algorithm 'svm'").hasMessageContaining("xgboost");
        assertThatThrownBy(() -> Trainers.create("logistic_regression", Task.REGRESSION, Map.of()))
                .hasMessageContaining("logistic_regression does not do regression");
        TrainingSet multiclass = data(Task.MULTICLASS, 30, 1);
        assertThatThrownBy(() -> Trainers.create("xgboost", Task.BINARY, Map.of()).fit(multiclass, 1))
                .hasMessageContaining("set up for BINARY but the data is MULTICLASS");
    }

    @Test
    void badDataIsRefusedWithTheRowNamed() {
        assertThatThrownBy(() -> TrainingSet.regression(new double[][] {{1}, {Double.NaN}}, new double[] {1, 2}))
                .hasMessageContaining("row 1, feature 0 is NaN");
        assertThatThrownBy(() -> TrainingSet.classification(new double[][] {{1}, {2}}, new int[] {0, 2}, List.of("a", "b")))
                .hasMessageContaining("row 1 has label 2");
        Model model = Trainers.create("decision_tree", Task.REGRESSION, Map.of())
                .fit(TrainingSet.regression(new double[][] {{1}, {2}}, new double[] {1, 2}), 1);
        assertThatThrownBy(() -> model.predict(new double[] {1, 2})).hasMessageContaining("expected 1 features, got 2");
    }

    @Test
    void stratifiedSplitKeepsClassSharesAndIsSeeded() {
        int[] labels = new int[100];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 80 ? 0 : 1;
        }
        Splits.Split split = Splits.stratified(labels, 0.25, 9);
        assertThat(split.test()).hasSize(25);
        assertThat(Arrays.stream(split.test()).filter(i -> labels[i] == 1).count()).isEqualTo(5);
        assertThat(Splits.stratified(labels, 0.25, 9).test()).containsExactly(split.test());
        assertThat(Splits.stratified(labels, 0.25, 10).test()).isNotEqualTo(split.test());
        assertThat(split.train().length + split.test().length).isEqualTo(100);
    }

    /** Well separated Gaussian blobs for classification; a noisy linear target for regression. Seeded. */
    static TrainingSet data(Task task, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int classes = task == Task.BINARY ? 2 : 3;
        double[][] x = new double[rows][4];
        int[] labels = new int[rows];
        double[] targets = new double[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i % classes;
            for (int j = 0; j < 4; j++) {
                x[i][j] = gaussian(random) + (task == Task.REGRESSION ? 0 : (j == labels[i] ? 3 : 0));
            }
            // a feature on another scale, which the scaled models must cope with
            x[i][3] = x[i][3] * 100 + 1000;
            targets[i] = 3 * x[i][0] - 2 * x[i][1] + 0.01 * x[i][3] + 0.3 * gaussian(random);
        }
        return task == Task.REGRESSION ? TrainingSet.regression(x, targets)
                : TrainingSet.classification(x, labels, classes == 2 ? List.of("no", "yes") : List.of("a", "b", "c"));
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    static void skipMlpWithoutOpenBlas(Algorithm algorithm) {
        if (algorithm == Algorithm.MLP) {
            assumeTrue(MlpTrainer.nativeLibraryAvailable(),
                    "Smile's MLP needs the system OpenBLAS (apt-get install libopenblas-dev): skipped");
        }
    }

    private static Model roundTrip(Model model) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Model) in.readObject();
        }
    }
}

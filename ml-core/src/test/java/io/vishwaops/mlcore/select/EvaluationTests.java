package io.vishwaops.mlcore.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.mlcore.train.ClassificationModel;
import io.vishwaops.mlcore.train.Model;
import io.vishwaops.mlcore.train.Task;
import io.vishwaops.mlcore.train.Trainers;
import io.vishwaops.mlcore.train.TrainingSet;

class EvaluationTests {

    /** Scores each row by its first feature: the probability of class 1 is x0. */
    private record ScoreByFirstFeature() implements ClassificationModel {
        @Override
        public List<String> classNames() {
            return List.of("no", "yes");
        }

        @Override
        public double[] predictProbabilities(double[] row) {
            return new double[] {1 - row[0], row[0]};
        }

        @Override
        public Algorithm algorithm() {
            return Algorithm.BASELINE;
        }

        @Override
        public Task task() {
            return Task.BINARY;
        }

        @Override
        public int featureCount() {
            return 2;
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of();
        }
    }

    @Test
    void binaryMetricsAreTheScikitLearnOnesUnderTheSpecNames() {
        // sklearn: y = [0, 0, 1, 1], p1 = [0.1, 0.6, 0.35, 0.8] -> predicted [0, 1, 0, 1]
        // accuracy 0.5, roc_auc 0.75, log_loss 0.6108..., f1 macro 0.5
        TrainingSet rows = TrainingSet.classification(
                new double[][] {{0.1, 0}, {0.6, 0}, {0.35, 0}, {0.8, 0}}, new int[] {0, 0, 1, 1}, List.of("no", "yes"));

        Map<String, Double> metrics = Evaluation.metrics(new ScoreByFirstFeature(), rows);

        assertThat(metrics.keySet()).isEqualTo(Evaluation.metricsFor(Task.BINARY));
        assertThat(metrics.get("accuracy")).isEqualTo(0.5);
        assertThat(metrics.get("auc")).isEqualTo(0.75);
        assertThat(metrics.get("f1_macro")).isCloseTo(0.5, offset(1e-12));
        assertThat(metrics.get("precision_weighted")).isCloseTo(0.5, offset(1e-12));
        assertThat(metrics.get("log_loss")).isCloseTo(
                -(Math.log(0.9) + Math.log(0.4) + Math.log(0.35) + Math.log(0.8)) / 4, offset(1e-12));
    }

    @Test
    void aMetricUndefinedOnTheRowsIsLeftOut() {
        TrainingSet oneClass = TrainingSet.classification(new double[][] {{0.2, 0}, {0.7, 0}}, new int[] {1, 1},
                List.of("no", "yes"));

        assertThat(Evaluation.metrics(new ScoreByFirstFeature(), oneClass)).doesNotContainKey("auc")
                .containsEntry("accuracy", 0.5);
    }

    @Test
    void multiclassAndRegressionUseTheirOwnMetricNames() {
        TrainingSet train = Synthetic.multiclass(300, 3, 1);
        TrainingSet test = Synthetic.multiclass(150, 3, 2);
        Model tree = Trainers.create(Algorithm.DECISION_TREE, Task.MULTICLASS, Map.of()).fit(train, 1);
        assertThat(Evaluation.metrics(tree, test).keySet()).isEqualTo(Evaluation.metricsFor(Task.MULTICLASS))
                .contains("auc_ovr").doesNotContain("auc");

        TrainingSet regression = Synthetic.regression(200, 3, 1);
        Model mean = Trainers.create(Algorithm.BASELINE, Task.REGRESSION, Map.of()).fit(regression, 1);
        Map<String, Double> metrics = Evaluation.metrics(mean, Synthetic.regression(100, 3, 2));
        assertThat(metrics.keySet()).containsExactly("rmse", "mae", "r2");
        assertThat(metrics.get("r2")).isLessThan(0.05);
    }

    @Test
    void theReportHasCurvesAConfusionMatrixAndRanksTheSignalFeaturesFirst() {
        TrainingSet train = Synthetic.binary(400, 5, 1);
        TrainingSet test = Synthetic.binary(200, 5, 2);
        Model model = Trainers.create(Algorithm.LOGISTIC_REGRESSION, Task.BINARY, Map.of()).fit(train, 1);
        List<String> names = List.of("signal_a", "signal_b", "noise_1", "noise_2", "noise_3");

        Report report = Evaluation.report(model, test, names, 3);

        assertThat(report.metrics()).isEqualTo(Evaluation.metrics(model, test));
        assertThat(report.confusion().total()).isEqualTo(200);
        assertThat(report.confusion().accuracy()).isEqualTo(report.metrics().get("accuracy"));
        assertThat(report.roc().keySet()).containsExactly("yes");
        assertThat(report.roc().get("yes").getFirst().truePositiveRate()).isZero();
        assertThat(report.roc().get("yes").getLast().truePositiveRate()).isEqualTo(1.0);
        assertThat(report.precisionRecall().keySet()).containsExactly("yes");
        assertThat(report.featureImportance()).extracting(Report.FeatureImportance::feature).startsWith("signal_a", "signal_b")
                .hasSize(5);
        assertThat(report.featureImportance().get(1).importance()).isGreaterThan(0.1);
        assertThat(report.featureImportance().subList(2, 5)).allSatisfy(f -> assertThat(f.importance()).isLessThan(0.05));
        assertThat(Evaluation.report(model, test, names, 3)).isEqualTo(report);

        Model forest = Trainers.create(Algorithm.RANDOM_FOREST, Task.MULTICLASS, Map.of("trees", 20))
                .fit(Synthetic.multiclass(300, 3, 1), 1);
        Report multi = Evaluation.report(forest, Synthetic.multiclass(150, 3, 2), List.of("x0", "x1", "x2"));
        assertThat(multi.roc().keySet()).containsExactly("a", "b", "c");
        assertThat(multi.confusion().classCount()).isEqualTo(3);
        assertThat(multi.featureImportance().getLast().feature()).isEqualTo("x2");
    }

    @Test
    void importanceOnManyRowsIsMeasuredOnASeededSampleButTheMetricsOnEveryRow() {
        TrainingSet train = Synthetic.binary(2_000, 3, 1);
        TrainingSet test = Synthetic.binary(12_000, 3, 2);
        Model model = Trainers.create(Algorithm.LOGISTIC_REGRESSION, Task.BINARY, Map.of()).fit(train, 1);
        List<String> names = List.of("signal_a", "signal_b", "noise");

        Report report = Evaluation.report(model, test, names, 5);

        assertThat(report.confusion().total()).isEqualTo(12_000);
        assertThat(report.featureImportance().getLast().feature()).isEqualTo("noise");
        assertThat(report.featureImportance().get(1).importance()).isGreaterThan(0.1);
        assertThat(Evaluation.report(model, test, names, 5).featureImportance()).isEqualTo(report.featureImportance());
        assertThat(Evaluation.report(model, test, names, 6).featureImportance()).isNotEqualTo(report.featureImportance());
    }

    @Test
    void metricDirectionsAndMismatchesAreExplicit() {
        assertThat(Evaluation.higherIsBetter("f1_macro")).isTrue();
        assertThat(Evaluation.higherIsBetter("auc_ovr")).isTrue();
        assertThat(Evaluation.higherIsBetter("r2")).isTrue();
        assertThat(Evaluation.higherIsBetter("log_loss")).isFalse();
        assertThat(Evaluation.higherIsBetter("rmse")).isFalse();
        assertThat(Evaluation.higherIsBetter("mae")).isFalse();
        assertThatThrownBy(() -> Evaluation.higherIsBetter("f1")).hasMessage("unknown metric 'f1'");
        assertThatThrownBy(() -> Evaluation.metrics(new ScoreByFirstFeature(), Synthetic.binary(10, 3, 1)))
                .hasMessage("the model takes 2 features, the rows have 3");
        assertThatThrownBy(() -> Evaluation.report(new ScoreByFirstFeature(), Synthetic.binary(10, 2, 1), List.of("x")))
                .hasMessage("1 feature names for 2 feature columns");
    }
}

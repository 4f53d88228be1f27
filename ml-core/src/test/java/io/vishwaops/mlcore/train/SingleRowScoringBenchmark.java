package io.vishwaops.mlcore.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

/**
 * What one row costs each algorithm to score, single-threaded, on one thread of this machine: the share of a serving
 * request the model takes. Three classes over 12 numeric features (what serving's benchmark model sees after its
 * pipeline), ensembles of 100 trees. XGBoost is measured both ways: the Java evaluator serving uses and XGBoost4J's
 * native predictor (a {@code DMatrix} and a native call per row). Not part of the test suite:
 * {@code bench/model-scoring.sh} runs it.
 */
class SingleRowScoringBenchmark {

    private static final int FEATURES = 12;
    private static final long MEASURE_NS = Long.getLong("bench.millis", 3000) * 1_000_000;

    @Test
    void singleRowCostPerAlgorithm() throws Exception {
        System.out.println("BENCH load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim());
        TrainingSet train = data(5000, 1);
        double[][] rows = data(2000, 2).features();
        Map<String, ToDoubleFunction<double[]>> scorers = new LinkedHashMap<>();
        for (Algorithm algorithm : List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.DECISION_TREE,
                Algorithm.RANDOM_FOREST, Algorithm.GRADIENT_BOOSTING, Algorithm.XGBOOST)) {
            ClassificationModel model = (ClassificationModel) Trainers.create(algorithm, Task.MULTICLASS,
                    Map.of()).fit(train, 1);
            scorers.put(algorithm.name().toLowerCase(), row -> model.predictProbabilities(row)[0]);
            if (model instanceof XGBoostModel xgb) {
                assertThat(xgb.evaluatedInJava()).isTrue();
                scorers.put("xgboost, XGBoost4J native", row -> xgb.nativeRaw(new double[][] {row})[0][0]);
            }
        }
        for (var scorer : scorers.entrySet()) {
            measure(scorer.getValue(), rows, MEASURE_NS / 3); // warm-up
            double micros = measure(scorer.getValue(), rows, MEASURE_NS);
            System.out.printf("BENCH single row %s: %.1f us (%,.0f rows/s on one thread)%n", scorer.getKey(), micros,
                    1e6 / micros);
        }
        System.out.println("BENCH load average at end: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static double measure(ToDoubleFunction<double[]> scorer, double[][] rows, long nanos) {
        double sink = 0;
        long count = 0;
        long start = System.nanoTime();
        long end = start + nanos;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100; i++) {
                sink += scorer.applyAsDouble(rows[(int) (count++ % rows.length)]);
            }
        }
        long elapsed = System.nanoTime() - start;
        if (sink == 42.4242) {
            System.out.println(sink); // keeps the JIT from dropping the calls
        }
        return elapsed / 1e3 / count;
    }

    private static TrainingSet data(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] features = new double[n][FEATURES];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double score = 0;
            for (int j = 0; j < FEATURES; j++) {
                features[i][j] = j < 8 ? random.nextGaussian() : random.nextInt(2);
                score += (j % 3 == 0 ? 0.8 : 0.3) * features[i][j];
            }
            score += random.nextGaussian();
            labels[i] = score > 1 ? 2 : score > -1 ? 1 : 0;
        }
        return TrainingSet.classification(features, labels, List.of("low", "mid", "high"));
    }
}

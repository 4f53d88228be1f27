package io.vishwaops.mlcore.select;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.mlcore.train.Model;
import io.vishwaops.mlcore.train.Splits;
import io.vishwaops.mlcore.train.Task;
import io.vishwaops.mlcore.train.Trainers;
import io.vishwaops.mlcore.train.TrainingSet;

/**
 * docs/benchmarks.md, "Model selection": a search of 4 algorithms × 10 configurations with 5-fold CV on 100,000 rows ×
 * 20 columns at parallelism 2, then Smile gradient boosting and XGBoost fitted on the same rows with the same number of
 * trees and depth. Run by {@code bench/model-selection.sh}; {@code -Dbench.rows} scales it.
 */
class ModelSelectionBenchmark {

    private static final int ROWS = Integer.getInteger("bench.rows", 100_000);
    private static final int COLUMNS = 20;

    /**
     * Seeded rows with a known signal: the log-odds of class 1 are {@code 1.5 x0 - x1 + x2 x3 + sin(2 x4) + 0.5 x5},
     * so a linear model finds part of it and trees the interaction; columns 6 to 19 are noise.
     */
    static TrainingSet data(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][COLUMNS];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            double[] r = x[i];
            for (int j = 0; j < COLUMNS; j++) {
                r[j] = Synthetic.gaussian(random);
            }
            double logit = 1.5 * r[0] - r[1] + r[2] * r[3] + Math.sin(2 * r[4]) + 0.5 * r[5];
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        return TrainingSet.classification(x, y, List.of("no", "yes"));
    }

    static final List<SearchSpace> SEARCH = List.of(
            new SearchSpace(Algorithm.LOGISTIC_REGRESSION, Map.of("lambda",
                    List.of(0.0001, 0.001, 0.01, 0.1, 1.0, 3.0, 10.0, 30.0, 100.0, 1000.0))),
            new SearchSpace(Algorithm.DECISION_TREE, Map.of("max_depth", List.of(4, 6, 8, 10, 12),
                    "node_size", List.of(5, 50))),
            new SearchSpace(Algorithm.GRADIENT_BOOSTING, Map.of("trees", List.of(50), "max_depth", List.of(3, 4, 5, 6, 8),
                    "max_nodes", List.of(64), "learning_rate", List.of(0.1, 0.3))),
            new SearchSpace(Algorithm.XGBOOST, Map.of("trees", List.of(50), "max_depth", List.of(3, 4, 5, 6, 8),
                    "learning_rate", List.of(0.1, 0.3))));

    @Test
    void modelSelection() {
        TrainingSet data = data(ROWS, 42);
        SelectionSpec spec = new SelectionSpec(Task.BINARY, SEARCH, "grid", 0, 5, "auc", 7, 2);
        warmUp();
        System.out.printf("BENCH selection: %d rows x %d columns, %d trials (%d configurations + baseline), 5-fold,"
                + " parallelism 2, load %s%n", ROWS, COLUMNS, ModelSelection.trialCount(spec),
                ModelSelection.trialCount(spec) - 1, loadAverage());
        long started = System.nanoTime();
        SelectionResult result = ModelSelection.run(spec, data, (trial, done, total) -> System.out.printf(
                "BENCH   trial %d/%d: %s %s auc %.4f in %.1f s%n", done, total, trial.algorithm(),
                compact(trial), trial.primary(), trial.fitTime().toMillis() / 1000.0), () -> false);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("BENCH selection wall time %.1f s, %.3f trials/s, %.2f fold fits/s; best %s %s auc %.4f;"
                        + " baseline auc %.4f; load %s%n", seconds, result.leaderboard().size() / seconds,
                5 * result.leaderboard().size() / seconds, result.best().algorithm(), compact(result.best()),
                result.best().primary(), result.leaderboard().stream().filter(t -> t.algorithm() == Algorithm.BASELINE)
                        .findFirst().orElseThrow().primary(), loadAverage());
        Map<Algorithm, double[]> perAlgorithm = new TreeMap<>();
        for (Trial trial : result.leaderboard()) {
            double[] sum = perAlgorithm.computeIfAbsent(trial.algorithm(), a -> new double[3]);
            sum[0] += trial.fitTime().toMillis() / 1000.0;
            sum[1]++;
            sum[2] = Math.max(sum[2], trial.primary());
        }
        perAlgorithm.forEach((algorithm, sum) -> System.out.printf(
                "BENCH | %s | %d | %.1f s | %.1f s | %.4f |%n", algorithm, (int) sum[1], sum[0], sum[0] / sum[1], sum[2]));
    }

    @Test
    void smileGradientBoostingAgainstXGBoost() {
        TrainingSet all = data(ROWS, 42);
        Splits.Split split = Splits.stratified(all.labels(), 0.2, 1);
        TrainingSet train = all.rows(split.train());
        TrainingSet test = all.rows(split.test());
        warmUp();
        System.out.printf("BENCH boosting: %d training rows, %d test rows, load %s%n", train.size(), test.size(),
                loadAverage());
        List<String> rows = new ArrayList<>();
        for (int depth : new int[] {4, 6}) {
            for (int trees : new int[] {100}) {
                Map<String, Object> smile = Map.of("trees", trees, "max_depth", depth, "max_nodes", 1 << depth,
                        "learning_rate", 0.1, "subsample", 1.0, "node_size", 1);
                rows.add(fitAndScore("Smile gradient_boosting", Algorithm.GRADIENT_BOOSTING, smile, train, test, trees, depth));
                for (int threads : new int[] {1, 2}) {
                    Map<String, Object> xgb = Map.of("trees", trees, "max_depth", depth, "learning_rate", 0.1,
                            "subsample", 1.0, "threads", threads);
                    rows.add(fitAndScore("XGBoost hist, " + threads + " thread" + (threads > 1 ? "s" : ""),
                            Algorithm.XGBOOST, xgb, train, test, trees, depth));
                }
            }
        }
        System.out.println("BENCH | trainer | trees | depth | fit time | test AUC | test log-loss |");
        rows.forEach(r -> System.out.println("BENCH " + r));
        System.out.println("BENCH load after: " + loadAverage());
    }

    private static String fitAndScore(String label, Algorithm algorithm, Map<String, Object> params, TrainingSet train,
            TrainingSet test, int trees, int depth) {
        long started = System.nanoTime();
        Model model = Trainers.create(algorithm, Task.BINARY, params).fit(train, 3);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> metrics = Evaluation.metrics(model, test);
        String row = String.format("| %s | %d | %d | %.1f s | %.4f | %.4f |", label, trees, depth, seconds,
                metrics.get("auc"), metrics.get("log_loss"));
        System.out.println("BENCH " + row);
        return row;
    }

    /** A few small fits first so the timings are of JIT-compiled code, not the interpreter. */
    private static void warmUp() {
        TrainingSet small = data(5_000, 1);
        for (SearchSpace space : SEARCH) {
            Trainers.create(space.algorithm(), Task.BINARY, Map.of()).fit(small, 1);
        }
    }

    private static String compact(Trial trial) {
        Map<String, Object> shown = new TreeMap<>();
        for (SearchSpace space : SEARCH) {
            if (space.algorithm() == trial.algorithm()) {
                space.grid().keySet().forEach(k -> shown.put(k, trial.parameters().get(k)));
            }
        }
        return shown.toString();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}

package io.vishwaops.mlcore.select;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.mlcore.train.Task;
import io.vishwaops.mlcore.train.TrainingSet;

/**
 * Our models beside the published ones (docs/model-quality.md), under the papers' protocol: k-fold CV over the whole
 * data set repeated 20 times with different folds, the mean reported. Two stages, so the number we report is not
 * the one we selected on: a screening search of several algorithms under 3 repetitions (seeds 1000-1002) picks the
 * best configuration, then the protocol's 20 repetitions (seeds 1-20, other folds) score it, and, for the student
 * data, a random forest with the paper's settings (500 trees, default mtry) beside it. Run by
 * {@code bench/model-selection.sh quality}; {@code -Dbench.repetitions} and {@code -Dbench.subjects} shorten it.
 */
class ModelQualityBenchmark {

    private static final int REPETITIONS = Integer.getInteger("bench.repetitions", 20);
    private static final List<String> SUBJECTS = Arrays.asList(System.getProperty("bench.subjects", "mat,por").split(","));
    private static final int PARALLELISM = Integer.getInteger("bench.parallelism", 2);

    /** Cortez and Silva (2008), Table 3, random forest, binary accuracy %. */
    private static final Map<String, Double> PAPER_RF = Map.of("mat A", 91.2, "mat B", 83.0, "mat C", 70.5,
            "por A", 92.6, "por B", 90.1, "por C", 85.0);
    /** The same table's best model per row, for context. */
    private static final Map<String, String> PAPER_BEST = Map.of("mat A", "NV 91.9", "mat B", "NV 83.8",
            "mat C", "SVM 70.6", "por A", "DT 93.0", "por B", "RF 90.1", "por C", "RF 85.0");

    private static final SearchSpace PAPER_FOREST = new SearchSpace(Algorithm.RANDOM_FOREST,
            Map.of("trees", List.of(500)));

    private static final List<SearchSpace> STUDENT_SCREEN = List.of(
            new SearchSpace(Algorithm.RANDOM_FOREST, Map.of("trees", List.of(500), "mtry", List.of(0, 15),
                    "node_size", List.of(5))),
            new SearchSpace(Algorithm.XGBOOST, Map.of("trees", List.of(100), "max_depth", List.of(2, 3),
                    "learning_rate", List.of(0.05))),
            new SearchSpace(Algorithm.GRADIENT_BOOSTING, Map.of("trees", List.of(100))),
            new SearchSpace(Algorithm.DECISION_TREE, Map.of("max_depth", List.of(2))),
            new SearchSpace(Algorithm.LOGISTIC_REGRESSION, Map.of("lambda", List.of(0.1))));

    private static final List<SearchSpace> WINE_SCREEN = List.of(
            new SearchSpace(Algorithm.RANDOM_FOREST, Map.of("trees", List.of(500), "node_size", List.of(1, 5))),
            new SearchSpace(Algorithm.XGBOOST, Map.of("trees", List.of(200, 500), "max_depth", List.of(6),
                    "learning_rate", List.of(0.05))),
            new SearchSpace(Algorithm.GRADIENT_BOOSTING, Map.of("trees", List.of(500), "max_nodes", List.of(32),
                    "loss", List.of("least_absolute_deviation"))));

    @Test
    void studentPerformance() throws IOException {
        assumeTrue(Files.isRegularFile(StudentPerformance.file("mat")), "shared dataset absent");
        List<String> table = new ArrayList<>();
        for (String subject : SUBJECTS) {
            for (StudentPerformance.Setup setup : StudentPerformance.Setup.values()) {
                String key = subject + " " + setup;
                long started = System.nanoTime();
                TrainingSet data = StudentPerformance.load(subject, setup).data();
                List<RepeatedCv.Score> screen = RepeatedCv.run(spec(Task.BINARY, STUDENT_SCREEN, 10, "accuracy"),
                        data, 3, 1000);
                screen.forEach(s -> System.out.printf("BENCH screen student-%s %s: %.2f%% %s %s%n", subject, setup,
                        100 * s.mean(), s.trial().algorithm(), compact(s.trial().parameters())));
                RepeatedCv.Score chosen = RepeatedCv.best(screen, "accuracy");
                SearchSpace best = asSpace(chosen.trial());
                List<RepeatedCv.Score> protocol = RepeatedCv.run(
                        spec(Task.BINARY, List.of(best, PAPER_FOREST), 10, "accuracy"), data, REPETITIONS, 1);
                RepeatedCv.Score ours = protocol.get(1);
                RepeatedCv.Score forest = protocol.get(2);
                double paper = PAPER_RF.get(key);
                String row = String.format("| %s | %s | %.1f (%s) | %.1f ± %.1f | %s `%s` | %+.1f | %.1f ± %.1f | %.0f s |",
                        subject.equals("mat") ? "Math" : "Portuguese", setup, paper, PAPER_BEST.get(key),
                        100 * ours.mean(), 100 * ours.std(), ours.trial().algorithm(), compact(ours.trial().parameters()),
                        100 * ours.mean() - paper, 100 * forest.mean(), 100 * forest.std(),
                        (System.nanoTime() - started) / 1e9);
                System.out.println("BENCH " + row);
                table.add(row);
            }
        }
        System.out.println("BENCH | subject | setup | paper RF (paper's best) | ours, " + REPETITIONS
                + " × 10-fold, mean ± sd | our model | ours − paper RF | our RF, 500 trees | wall time |");
        table.forEach(r -> System.out.println("BENCH " + r));
    }

    @Test
    void redWineQuality() throws IOException {
        assumeTrue(Files.isRegularFile(WineQualityTests.FILE), "shared dataset absent");
        long started = System.nanoTime();
        TrainingSet red = WineQualityTests.red();
        List<RepeatedCv.Score> screen = RepeatedCv.run(spec(Task.REGRESSION, WINE_SCREEN, 5, "mae"), red, 3, 1000);
        screen.forEach(s -> System.out.printf("BENCH screen winequality-red: MAD %.3f %s %s%n", s.mean(),
                s.trial().algorithm(), compact(s.trial().parameters())));
        RepeatedCv.Score chosen = RepeatedCv.best(screen, "mae");
        List<RepeatedCv.Score> protocol = RepeatedCv.run(
                spec(Task.REGRESSION, List.of(asSpace(chosen.trial())), 5, "mae"), red, REPETITIONS, 1);
        RepeatedCv.Score ours = protocol.get(1);
        System.out.printf("BENCH | red wine | MAD | 0.46 (SVM; MR 0.50, NN 0.51) | %.3f ± %.3f | %s `%s` | %+.3f |"
                        + " baseline (mean) %.3f | %.0f s |%n",
                ours.mean(), ours.std(), ours.trial().algorithm(), compact(ours.trial().parameters()),
                ours.mean() - 0.46, protocol.getFirst().mean(), (System.nanoTime() - started) / 1e9);
    }

    private static SelectionSpec spec(Task task, List<SearchSpace> candidates, int folds, String metric) {
        return new SelectionSpec(task, candidates, "grid", 0, folds, metric, 0, PARALLELISM);
    }

    private static SearchSpace asSpace(Trial trial) {
        Map<String, List<Object>> grid = new TreeMap<>();
        trial.parameters().forEach((name, value) -> grid.put(name, List.of(value)));
        return new SearchSpace(trial.algorithm(), grid);
    }

    /** Every resolved parameter, by name: enough to train the same model again. */
    private static String compact(Map<String, Object> parameters) {
        return new TreeMap<>(parameters).toString();
    }
}

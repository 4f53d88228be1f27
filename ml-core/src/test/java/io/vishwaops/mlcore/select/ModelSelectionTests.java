package io.vishwaops.mlcore.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.mlcore.train.Model;
import io.vishwaops.mlcore.train.Task;
import io.vishwaops.mlcore.train.TrainingSet;

class ModelSelectionTests {

    private static final TrainingSet BINARY = Synthetic.binary(300, 5, 1);

    private static SelectionSpec gridSpec(int parallelism) {
        return new SelectionSpec(Task.BINARY, List.of(
                new SearchSpace(Algorithm.DECISION_TREE, Map.of("max_depth", List.of(2, 4, 8), "node_size", List.of(5, 20))),
                new SearchSpace(Algorithm.LOGISTIC_REGRESSION, Map.of("lambda", List.of(0.01, 1.0))),
                new SearchSpace(Algorithm.XGBOOST, Map.of("trees", List.of(20), "max_depth", List.of(2, 3)))),
                "grid", 0, 5, "f1_macro", 7, parallelism);
    }

    @Test
    void gridSearchTrainsEveryCombinationAndTheBaselineAndRanksThemBestFirst() {
        SelectionSpec spec = gridSpec(2);
        List<int[]> progress = new ArrayList<>();

        SelectionResult result = ModelSelection.run(spec, BINARY,
                (trial, done, total) -> progress.add(new int[] {trial.index(), done, total}), () -> false);

        assertThat(ModelSelection.trialCount(spec)).isEqualTo(1 + 6 + 2 + 2);
        assertThat(result.leaderboard()).hasSize(11);
        assertThat(progress).extracting(p -> p[1]).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(progress).allSatisfy(p -> assertThat(p[2]).isEqualTo(11));
        assertThat(result.leaderboard()).extracting(Trial::index).containsExactlyInAnyOrder(
                IntStream.range(0, 11).boxed().toArray(Integer[]::new));

        Trial baseline = result.leaderboard().stream().filter(t -> t.algorithm() == Algorithm.BASELINE).findFirst().orElseThrow();
        assertThat(baseline.index()).isZero();
        List<Map<String, Object>> treeParams = result.leaderboard().stream()
                .filter(t -> t.algorithm() == Algorithm.DECISION_TREE)
                .map(t -> Map.of("max_depth", t.parameters().get("max_depth"), "node_size", t.parameters().get("node_size")))
                .toList();
        assertThat(new HashSet<>(treeParams)).hasSize(6);

        double[] primaries = result.leaderboard().stream().mapToDouble(Trial::primary).toArray();
        for (int i = 1; i < primaries.length; i++) {
            assertThat(primaries[i]).isLessThanOrEqualTo(primaries[i - 1]);
        }
        assertThat(result.best()).isSameAs(result.leaderboard().getFirst());
        assertThat(result.best().primary()).isEqualTo(result.best().cvMean().get("f1_macro")).isGreaterThan(0.8);
        assertThat(result.best().primary()).isGreaterThan(baseline.primary() + 0.3);
        assertThat(result.best().cvMean().keySet()).isEqualTo(Evaluation.metricsFor(Task.BINARY));
        assertThat(result.best().cvStd().keySet()).isEqualTo(result.best().cvMean().keySet());
        assertThat(result.best().error()).isNull();
    }

    @Test
    void theLeaderboardIsTheSameWhateverTheNumberOfThreads() {
        SelectionResult one = ModelSelection.run(gridSpec(1), BINARY, null, null);
        SelectionResult three = ModelSelection.run(gridSpec(3), BINARY, null, null);

        assertThat(three.leaderboard()).extracting(Trial::index)
                .containsExactlyElementsOf(one.leaderboard().stream().map(Trial::index).toList());
        assertThat(three.leaderboard()).extracting(Trial::cvMean)
                .containsExactlyElementsOf(one.leaderboard().stream().map(Trial::cvMean).toList());
    }

    @Test
    void anInvalidCombinationIsAFailedTrialRankedLastAndTheSearchGoesOn() {
        SelectionSpec spec = new SelectionSpec(Task.BINARY, List.of(
                new SearchSpace(Algorithm.DECISION_TREE, Map.of("max_depth", List.of(1, 4))),
                new SearchSpace(Algorithm.RANDOM_FOREST, Map.of("treez", List.of(10)))),
                "grid", 0, 3, "accuracy", 7, 2);

        SelectionResult result = ModelSelection.run(spec, BINARY, null, null);

        assertThat(result.leaderboard()).hasSize(4);
        List<Trial> failed = result.leaderboard().subList(2, 4);
        assertThat(failed).allSatisfy(t -> {
            assertThat(t.failed()).isTrue();
            assertThat(t.primary()).isNaN();
            assertThat(t.cvMean()).isEmpty();
        });
        assertThat(failed).extracting(Trial::error).containsExactly(
                "decision_tree: hyper-parameter 'max_depth' must be in [2, 1000], was 1",
                "random_forest: hyper-parameter 'treez' is not a hyper-parameter of random_forest; known: trees, mtry,"
                        + " max_depth, max_nodes, node_size, subsample, split_rule");
        assertThat(failed.getFirst().parameters()).isEqualTo(Map.of("max_depth", 1));
        assertThat(result.best().algorithm()).isEqualTo(Algorithm.DECISION_TREE);
        assertThat(result.best().parameters()).containsEntry("max_depth", 4);
    }

    @Test
    void randomSearchDrawsDistinctSeededCombinationsFromTheGrid() {
        Map<String, List<Object>> grid = Map.of("max_depth", List.of(2, 3, 4, 5, 6, 8), "node_size", List.of(1, 5, 10, 20));
        SelectionSpec spec = new SelectionSpec(Task.BINARY, List.of(new SearchSpace(Algorithm.DECISION_TREE, grid)),
                "random", 5, 3, "auc", 11, 2);

        SelectionResult first = ModelSelection.run(spec, BINARY, null, null);
        SelectionResult again = ModelSelection.run(spec, BINARY, null, null);

        assertThat(ModelSelection.trialCount(spec)).isEqualTo(6);
        List<Map<String, Object>> drawn = first.leaderboard().stream().filter(t -> t.algorithm() == Algorithm.DECISION_TREE)
                .map(t -> Map.of("max_depth", t.parameters().get("max_depth"), "node_size", t.parameters().get("node_size")))
                .toList();
        assertThat(new HashSet<>(drawn)).hasSize(5);
        assertThat(drawn).allSatisfy(p -> {
            assertThat(grid.get("max_depth")).contains(p.get("max_depth"));
            assertThat(grid.get("node_size")).contains(p.get("node_size"));
        });
        assertThat(again.leaderboard()).extracting(Trial::index, Trial::parameters, Trial::cvMean)
                .containsExactlyElementsOf(first.leaderboard().stream()
                        .map(t -> org.assertj.core.groups.Tuple.tuple(t.index(), t.parameters(), t.cvMean())).toList());

        SelectionSpec small = new SelectionSpec(Task.BINARY, List.of(new SearchSpace(Algorithm.DECISION_TREE,
                Map.of("max_depth", List.of(3, 5)))), "random", 5, 3, "auc", 11, 2);
        assertThat(ModelSelection.trialCount(small)).as("never more draws than combinations").isEqualTo(3);
    }

    @Test
    void regressionRanksByALowerIsBetterMetric() {
        TrainingSet data = Synthetic.regression(300, 4, 3);
        SelectionSpec spec = new SelectionSpec(Task.REGRESSION, List.of(
                new SearchSpace(Algorithm.DECISION_TREE, Map.of("max_depth", List.of(2, 6))),
                new SearchSpace(Algorithm.XGBOOST, Map.of("trees", List.of(50)))), "grid", 0, 4, "rmse", 5, 2);

        SelectionResult result = ModelSelection.run(spec, data, null, null);

        double[] rmse = result.leaderboard().stream().mapToDouble(Trial::primary).toArray();
        for (int i = 1; i < rmse.length; i++) {
            assertThat(rmse[i]).isGreaterThanOrEqualTo(rmse[i - 1]);
        }
        assertThat(result.leaderboard().getLast().algorithm()).isEqualTo(Algorithm.BASELINE);
        assertThat(result.best().cvMean().keySet()).containsExactlyInAnyOrder("rmse", "mae", "r2");

        Model refit = ModelSelection.fit(spec, result.best(), data);
        assertThat(refit.algorithm()).isEqualTo(result.best().algorithm());
        assertThat(refit.parameters()).isEqualTo(result.best().parameters());
    }

    @Test
    void cancellingStopsTheSearchWithACancellationException() {
        AtomicInteger done = new AtomicInteger();
        SelectionSpec spec = new SelectionSpec(Task.BINARY, List.of(new SearchSpace(Algorithm.DECISION_TREE,
                Map.of("max_depth", List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11)))), "grid", 0, 3, "accuracy", 1, 1);

        assertThatThrownBy(() -> ModelSelection.run(spec, BINARY, (t, n, total) -> done.set(n), () -> done.get() >= 2))
                .isInstanceOf(CancellationException.class).hasMessageContaining("of 11 trials");
        assertThat(done.get()).isLessThan(11);
    }

    @Test
    void specErrorsNameTheField() {
        List<SearchSpace> tree = List.of(SearchSpace.defaults(Algorithm.DECISION_TREE));
        assertThatThrownBy(() -> new SelectionSpec(Task.REGRESSION, tree, "grid", 0, 5, "f1_macro", 1, 1))
                .hasMessage("primaryMetric: 'f1_macro' does not fit regression; one of [mae, r2, rmse]");
        assertThatThrownBy(() -> new SelectionSpec(Task.MULTICLASS, tree, "grid", 0, 5, "auc", 1, 1))
                .hasMessageStartingWith("primaryMetric: 'auc' does not fit multiclass");
        assertThatThrownBy(() -> new SelectionSpec(Task.BINARY, List.of(), "grid", 0, 5, "auc", 1, 1))
                .hasMessageStartingWith("candidates:");
        assertThatThrownBy(() -> new SelectionSpec(Task.REGRESSION,
                List.of(SearchSpace.defaults(Algorithm.LOGISTIC_REGRESSION)), "grid", 0, 5, "rmse", 1, 1))
                .hasMessage("candidates: logistic_regression does not do regression");
        assertThatThrownBy(() -> new SelectionSpec(Task.BINARY, tree, "bayes", 0, 5, "auc", 1, 1))
                .hasMessageStartingWith("strategy:");
        assertThatThrownBy(() -> new SelectionSpec(Task.BINARY, tree, "random", 0, 5, "auc", 1, 1))
                .hasMessageStartingWith("randomTrials:");
        assertThatThrownBy(() -> new SelectionSpec(Task.BINARY, tree, "grid", 0, 1, "auc", 1, 1))
                .hasMessageStartingWith("folds:");
        assertThatThrownBy(() -> new SearchSpace(Algorithm.RANDOM_FOREST, Map.of("trees", List.of())))
                .hasMessage("random_forest: hyper-parameter 'trees' has no values to try");
        assertThatThrownBy(() -> ModelSelection.run(gridSpec(1), Synthetic.regression(50, 3, 1), null, null))
                .hasMessageContaining("the spec is for BINARY but the rows are REGRESSION");
    }

    @Test
    void stratifiedFoldsPartitionTheRowsAndKeepTheClassShares() {
        TrainingSet data = Synthetic.multiclass(503, 2, 9);
        int[][] folds = Folds.assign(data, 10, 4);

        Set<Integer> seen = new HashSet<>();
        for (int[] fold : folds) {
            assertThat(fold.length).isBetween(50, 51);
            for (int row : fold) {
                assertThat(seen.add(row)).isTrue();
            }
        }
        assertThat(seen).hasSize(503);
        for (int k = 0; k < 3; k++) {
            int kk = k;
            long total = Arrays.stream(data.labels()).filter(l -> l == kk).count();
            for (int[] fold : folds) {
                long inFold = Arrays.stream(fold).filter(r -> data.labels()[r] == kk).count();
                assertThat((double) inFold).isCloseTo(total / 10.0, org.assertj.core.data.Offset.offset(1.0));
            }
        }
        assertThat(Folds.assign(data, 10, 4)).isDeepEqualTo(folds);
        assertThat(Folds.assign(data, 10, 5)).isNotEqualTo(folds);
        assertThat(Folds.allBut(folds, 3)).hasSize(503 - folds[3].length).doesNotContain(folds[3]);
    }
}

package io.vishwaops.mlcore.select;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.vishwaops.mlcore.train.Task;

/**
 * What model selection searches and how. Checked when built, with messages that name the offending field, so a
 * service can turn them into a 400 before any data is read.
 *
 * @param candidates the algorithms to try with their search spaces; the baseline is trained as well even when not
 *                   listed
 * @param strategy {@code grid} (every combination) or {@code random} ({@code randomTrials} seeded draws per candidate)
 * @param randomTrials combinations drawn per candidate under {@code random}; ignored for {@code grid}
 * @param folds cross-validation folds (at least 2), stratified by class for classification
 * @param primaryMetric the metric the leaderboard sorts by; one of {@link Evaluation#metricsFor(Task)}
 * @param seed every fold assignment and every trial's model seed derive from it
 * @param parallelism trials run at once (a fixed pool of this many threads)
 */
public record SelectionSpec(Task task, List<SearchSpace> candidates, String strategy, int randomTrials, int folds,
        String primaryMetric, long seed, int parallelism) {

    public static final String GRID = "grid";
    public static final String RANDOM = "random";

    public SelectionSpec {
        Objects.requireNonNull(task, "task");
        if (candidates == null || candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates: at least one algorithm to try is needed");
        }
        candidates = List.copyOf(candidates);
        for (SearchSpace candidate : candidates) {
            if (!candidate.algorithm().supports(task)) {
                throw new IllegalArgumentException("candidates: " + candidate.algorithm().id() + " does not do "
                        + task.name().toLowerCase(Locale.ROOT));
            }
        }
        strategy = strategy == null ? GRID : strategy.trim().toLowerCase(Locale.ROOT);
        if (!strategy.equals(GRID) && !strategy.equals(RANDOM)) {
            throw new IllegalArgumentException("strategy: must be grid or random, was '" + strategy + "'");
        }
        if (strategy.equals(RANDOM) && randomTrials < 1) {
            throw new IllegalArgumentException("randomTrials: must be at least 1 for random search, was " + randomTrials);
        }
        if (folds < 2) {
            throw new IllegalArgumentException("folds: must be at least 2, was " + folds);
        }
        if (primaryMetric == null || !Evaluation.metricsFor(task).contains(primaryMetric)) {
            throw new IllegalArgumentException("primaryMetric: '" + primaryMetric + "' does not fit "
                    + task.name().toLowerCase(Locale.ROOT) + "; one of " + Evaluation.metricsFor(task));
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism: must be at least 1, was " + parallelism);
        }
    }
}

package io.vishwaops.mlcore.train;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The algorithms a pipeline can name, by the identifiers used in pipeline specs and run parameters. */
public enum Algorithm {
    /** Majority class (with the training class shares as probabilities) or the training mean: the floor any model must beat. */
    BASELINE("baseline", EnumSet.allOf(Task.class)),
    LOGISTIC_REGRESSION("logistic_regression", EnumSet.of(Task.BINARY, Task.MULTICLASS)),
    DECISION_TREE("decision_tree", EnumSet.allOf(Task.class)),
    RANDOM_FOREST("random_forest", EnumSet.allOf(Task.class)),
    GRADIENT_BOOSTING("gradient_boosting", EnumSet.allOf(Task.class)),
    MLP("mlp", EnumSet.allOf(Task.class)),
    XGBOOST("xgboost", EnumSet.allOf(Task.class));

    private final String id;
    private final Set<Task> tasks;

    Algorithm(String id, Set<Task> tasks) {
        this.id = id;
        this.tasks = tasks;
    }

    public String id() {
        return id;
    }

    public boolean supports(Task task) {
        return tasks.contains(task);
    }

    /** The algorithm with this identifier (case-insensitive); the error lists the known ones. */
    public static Algorithm of(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown algorithm '" + id + "'; known: "
                        + Arrays.stream(values()).map(Algorithm::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}

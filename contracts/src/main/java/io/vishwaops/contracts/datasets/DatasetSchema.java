package io.vishwaops.contracts.datasets;

import java.util.List;

/**
 * What a dataset is: its columns, which column is the entity key, the event time and the target, the
 * learning task, and the expectations each ingestion batch must meet. Versioned by the service that owns
 * datasets; every version is immutable.
 *
 * @param name the dataset name ({@code [a-z0-9][a-z0-9_-]{0,63}})
 * @param description for people, or {@code null}
 * @param columns the columns, in order
 * @param entityKey the column identifying the entity a record is about (a student, a wine), or {@code null}
 * @param eventTime the timestamp column saying when the record's facts held, or {@code null}
 * @param target the column a model learns to predict, or {@code null}
 * @param task {@code binary}, {@code multiclass} or {@code regression}, or {@code null} when there is no target
 * @param expectations rules over whole batches
 */
public record DatasetSchema(String name, String description, List<ColumnSpec> columns, String entityKey,
        String eventTime, String target, String task, List<Expectation> expectations) {

    /** The column types. */
    public static final List<String> COLUMN_TYPES =
            List.of("numeric", "integer", "categorical", "boolean", "text", "timestamp");
    /** The learning tasks. */
    public static final List<String> TASKS = List.of("binary", "multiclass", "regression");
    /** The batch expectation rules. */
    public static final List<String> EXPECTATION_RULES =
            List.of("row-count", "missing-share", "mean-between", "stdev-between", "duplicate-share", "outliers");
}

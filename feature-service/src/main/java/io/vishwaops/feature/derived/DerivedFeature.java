package io.vishwaops.feature.derived;

import java.time.Instant;
import java.util.List;

/**
 * A feature computed from a dataset's columns by an expression.
 *
 * @param type the type of its values, in the words of column types: {@code numeric}, {@code boolean}, {@code text},
 *        {@code timestamp}
 * @param columns the columns the expression reads
 * @param schemaVersion the schema version it was checked against
 */
public record DerivedFeature(String dataset, String name, String expression, String type, List<String> columns,
        String description, int schemaVersion, Instant definedAt) {
}

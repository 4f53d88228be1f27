package io.vishwaops.contracts.datasets;

import java.util.List;

/**
 * One column of a dataset.
 *
 * @param name the column name as it appears in records and CSV headers
 * @param type one of {@link DatasetSchema#COLUMN_TYPES}: {@code numeric}, {@code integer}, {@code categorical},
 *        {@code boolean}, {@code text}, {@code timestamp}
 * @param nullable whether a record may leave it missing or null; ingestion stores {@code true} when a definition
 *        leaves it out, as SQL does
 * @param allowedValues for categorical columns, the values allowed; empty when any value is allowed
 * @param min the smallest value allowed (numeric and integer columns), or {@code null}
 * @param max the largest value allowed (numeric and integer columns), or {@code null}
 * @param pattern a regular expression text values must match in full, or {@code null}
 * @param description what the column means, for people, or {@code null}
 */
public record ColumnSpec(String name, String type, Boolean nullable, List<String> allowedValues, Double min,
        Double max, String pattern, String description) {
}

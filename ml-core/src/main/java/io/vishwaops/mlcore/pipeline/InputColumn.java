package io.vishwaops.mlcore.pipeline;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A raw column as the dataset schema defines it: what a feature pipeline reads and what a served model's callers send.
 *
 * @param type the dataset column type: {@code numeric}, {@code integer}, {@code categorical}, {@code boolean},
 *        {@code text} or {@code timestamp}
 * @param categories for categorical columns the allowed values the schema lists, or empty
 */
public record InputColumn(String name, String type, boolean nullable, List<String> categories) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public InputColumn {
        Objects.requireNonNull(name, "name");
        type = Objects.requireNonNull(type, "type").toLowerCase(Locale.ROOT);
        if (!List.of("numeric", "integer", "categorical", "boolean", "text", "timestamp").contains(type)) {
            throw new IllegalArgumentException("column '" + name + "' has unknown type '" + type + "'");
        }
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public static InputColumn of(String name, String type) {
        return new InputColumn(name, type, true, List.of());
    }

    /** How the pipeline treats it: numbers, booleans, categories, or timestamps (usable only through expressions). */
    public Kind kind() {
        return Kind.ofColumnType(type);
    }

    /** What a column holds once coerced: the pipeline encodes each kind its own way. */
    public enum Kind {
        NUMERIC, BOOLEAN, CATEGORICAL, TIMESTAMP;

        static Kind ofColumnType(String type) {
            return switch (type) {
                case "numeric", "integer" -> NUMERIC;
                case "boolean" -> BOOLEAN;
                case "timestamp" -> TIMESTAMP;
                default -> CATEGORICAL;
            };
        }
    }
}

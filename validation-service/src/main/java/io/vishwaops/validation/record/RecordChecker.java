package io.vishwaops.validation.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.contracts.records.Violation;

/**
 * Checks one record against its dataset's schema: every column coerced to its type (numbers written as
 * strings, "yes"/"no" booleans, ISO dates), then not-null, range, allowed values and pattern. Returns the
 * coerced values and every violation, each naming the column, the rule, the value and what was wrong.
 */
public final class RecordChecker {

    private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "t");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "f");

    /**
     * The coerced values and the violations; valid when there are none. {@code asSent} says the coerced values
     * are the values sent, each column present once and no value changed in its JSON form (an integer stays the
     * same integer, a string the same string), so the JSON text they arrived in still stands for them.
     */
    public record Result(Map<String, Object> values, List<Violation> violations, boolean asSent) {

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private RecordChecker() {
    }

    /** {@link #check(Columns, Row)} for a record's values as any map, against {@code schema}. */
    public static Result check(DatasetSchema schema, Map<String, Object> values) {
        Columns columns = Columns.of(schema);
        return check(columns, Row.of(columns, values));
    }

    /** Checks {@code values}, held by position in {@code columns}; the coerced values are held the same way. */
    public static Result check(Columns columns, Row values) {
        Row coerced = new Row(columns);
        List<Violation> violations = null;
        boolean asSent = true;
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec column = columns.specs[i];
            Object raw = values.get(i);
            asSent &= values.has(i);
            if (raw == null || (raw instanceof String text && text.isEmpty())) {
                asSent &= raw == null;
                coerced.set(i, null);
                if (columns.required[i]) {
                    violations = add(violations, new Violation(column.name(), "not-null", raw,
                            column.name() + " is required but " + (raw == null ? "missing" : "empty")));
                }
                continue;
            }
            Object value;
            try {
                value = coerce(columns.types[i], raw);
            }
            catch (IllegalArgumentException ex) {
                violations = add(violations, new Violation(column.name(), "type", raw, column.name() + " must be "
                        + article(column.type()) + ", was " + describe(raw)));
                coerced.set(i, raw);
                continue;
            }
            coerced.set(i, value);
            asSent &= sameJson(raw, value);
            violations = constraints(columns, i, raw, value, violations);
        }
        for (Map.Entry<String, Object> unknown : values.extra().entrySet()) {
            violations = add(violations, new Violation(unknown.getKey(), "unknown-column", unknown.getValue(),
                    "the dataset has no column '" + unknown.getKey() + "'"));
        }
        return new Result(coerced, violations == null ? List.of() : violations, asSent && violations == null);
    }

    private static List<Violation> add(List<Violation> violations, Violation violation) {
        List<Violation> list = violations == null ? new ArrayList<>(2) : violations;
        list.add(violation);
        return list;
    }

    /** Whether {@code value} is written as the same JSON as {@code raw}: a whole number read as a long stays one. */
    private static boolean sameJson(Object raw, Object value) {
        if (raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return value instanceof Long x && x == ((Number) raw).longValue();
        }
        return raw.equals(value) && raw.getClass() == value.getClass();
    }

    /** The entity key, with the event time when the dataset has one (an entity has one record per moment). */
    public static String entityKey(DatasetSchema schema, Map<String, Object> values) {
        if (schema.entityKey() == null || values.get(schema.entityKey()) == null) {
            return null;
        }
        String key = String.valueOf(values.get(schema.entityKey()));
        return schema.eventTime() == null ? key : key + "@" + values.get(schema.eventTime());
    }

    /**
     * Adds to {@code violations} (made when null) each constraint the coerced {@code value} of the column at
     * {@code i} breaks; returns them.
     */
    private static List<Violation> constraints(Columns columns, int i, Object raw, Object value,
            List<Violation> violations) {
        ColumnSpec column = columns.specs[i];
        if (value instanceof Number number) {
            double x = number.doubleValue();
            if (x < columns.min[i] || x > columns.max[i]) {
                violations = add(violations, new Violation(column.name(), "range", raw, column.name()
                        + " must be between " + bound(column.min()) + " and " + bound(column.max()) + ", was " + number));
            }
        }
        else if (value instanceof String text) {
            if (columns.allowed[i] != null && !columns.allowed[i].contains(text)) {
                violations = add(violations, new Violation(column.name(), "allowed-values", raw, column.name()
                        + " must be one of " + column.allowedValues() + ", was '" + text + "'"));
            }
            if (columns.patterns[i] != null && !columns.patterns[i].matcher(text).matches()) {
                violations = add(violations, new Violation(column.name(), "pattern", raw, column.name()
                        + " must match " + column.pattern() + ", was '" + text + "'"));
            }
        }
        return violations;
    }

    /** The value as the column's type, or {@link IllegalArgumentException} when it is not one. */
    static Object coerce(Columns.Type type, Object raw) {
        return switch (type) {
            case NUMERIC -> {
                double x = raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text(raw).trim());
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("not finite");
                }
                // a number read as a double stays the same object
                yield raw instanceof Double ? raw : (Object) x;
            }
            case INTEGER -> {
                if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
                    yield ((Number) raw).longValue();
                }
                if (raw instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                    yield d.longValue();
                }
                BigDecimal x = raw instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(text(raw).trim());
                try {
                    yield x.stripTrailingZeros().longValueExact();
                }
                catch (ArithmeticException ex) {
                    throw new IllegalArgumentException("not a whole number", ex);
                }
            }
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    yield b;
                }
                String text = text(raw).trim().toLowerCase(Locale.ROOT);
                if (TRUE.contains(text)) {
                    yield true;
                }
                if (FALSE.contains(text)) {
                    yield false;
                }
                throw new IllegalArgumentException("not a boolean");
            }
            case TIMESTAMP -> timestamp(raw).toString();
            case CATEGORICAL, TEXT -> raw instanceof String s ? s : raw.toString();
        };
    }

    private static Instant timestamp(Object raw) {
        if (raw instanceof Number epochMillis) {
            return Instant.ofEpochMilli(epochMillis.longValue());
        }
        String text = text(raw).trim();
        try {
            return Instant.parse(text);
        }
        catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
            catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                }
                catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("not a timestamp", notDate);
                }
            }
        }
    }

    private static String text(Object raw) {
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Boolean) {
            throw new IllegalArgumentException("a boolean");
        }
        return raw.toString();
    }

    private static String describe(Object raw) {
        return raw instanceof String s ? "'" + s + "'" : raw.toString();
    }

    private static String article(String type) {
        return switch (type) {
            case "integer" -> "an integer";
            case "numeric" -> "a number";
            case "boolean" -> "a boolean";
            case "timestamp" -> "a timestamp (ISO-8601 or epoch milliseconds)";
            default -> "a " + type + " value";
        };
    }

    private static String bound(Double bound) {
        if (bound == null) {
            return "unbounded";
        }
        return bound == Math.rint(bound) ? String.valueOf(bound.longValue()) : bound.toString();
    }
}

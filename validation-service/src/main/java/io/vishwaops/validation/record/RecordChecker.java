package io.vishwaops.validation.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

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
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

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

    public static Result check(DatasetSchema schema, Map<String, Object> values) {
        Map<String, Object> coerced = LinkedHashMap.newLinkedHashMap(schema.columns().size());
        List<Violation> violations = new ArrayList<>();
        int present = 0;
        boolean asSent = true;
        for (ColumnSpec column : schema.columns()) {
            Object raw = values.get(column.name());
            if (raw != null || values.containsKey(column.name())) {
                present++;
            }
            else {
                asSent = false;
            }
            if (raw == null || (raw instanceof String text && text.isEmpty())) {
                asSent &= raw == null;
                coerced.put(column.name(), null);
                if (Boolean.FALSE.equals(column.nullable())) {
                    violations.add(new Violation(column.name(), "not-null", raw,
                            column.name() + " is required but " + (raw == null ? "missing" : "empty")));
                }
                continue;
            }
            Object value;
            try {
                value = coerce(column.type(), raw);
            }
            catch (IllegalArgumentException ex) {
                violations.add(new Violation(column.name(), "type", raw, column.name() + " must be " + article(column.type())
                        + ", was " + describe(raw)));
                coerced.put(column.name(), raw);
                continue;
            }
            coerced.put(column.name(), value);
            asSent &= sameJson(raw, value);
            constraints(column, raw, value, violations);
        }
        // only when the record has more fields than the schema has columns among them is one unknown
        for (String column : present == values.size() ? Set.<String>of() : values.keySet()) {
            if (schema.columns().stream().noneMatch(c -> c.name().equals(column))) {
                violations.add(new Violation(column, "unknown-column", values.get(column),
                        "the dataset has no column '" + column + "'"));
            }
        }
        return new Result(coerced, violations, asSent && present == values.size() && violations.isEmpty());
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

    private static void constraints(ColumnSpec column, Object raw, Object value, List<Violation> violations) {
        if (value instanceof Number number) {
            double x = number.doubleValue();
            if ((column.min() != null && x < column.min()) || (column.max() != null && x > column.max())) {
                violations.add(new Violation(column.name(), "range", raw, column.name() + " must be between "
                        + bound(column.min()) + " and " + bound(column.max()) + ", was " + number));
            }
        }
        if (value instanceof String text) {
            if (column.allowedValues() != null && !column.allowedValues().isEmpty()
                    && !column.allowedValues().contains(text)) {
                violations.add(new Violation(column.name(), "allowed-values", raw, column.name() + " must be one of "
                        + column.allowedValues() + ", was '" + text + "'"));
            }
            if (column.pattern() != null
                    && !PATTERNS.computeIfAbsent(column.pattern(), Pattern::compile).matcher(text).matches()) {
                violations.add(new Violation(column.name(), "pattern", raw, column.name() + " must match "
                        + column.pattern() + ", was '" + text + "'"));
            }
        }
    }

    /** The value as the column's type, or {@link IllegalArgumentException} when it is not one. */
    static Object coerce(String type, Object raw) {
        return switch (type) {
            case "numeric" -> {
                double x = raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text(raw).trim());
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("not finite");
                }
                yield x;
            }
            case "integer" -> {
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
            case "boolean" -> {
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
            case "timestamp" -> timestamp(raw).toString();
            case "categorical", "text" -> raw instanceof String s ? s : raw.toString();
            default -> throw new IllegalStateException("unknown column type " + type);
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

package io.vishwaops.mlcore.pipeline;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Reads raw values the way records arrive: numbers as JSON numbers or numeric text, booleans as {@code true/false},
 * {@code yes/no} or {@code 1/0}, categories as text (a number used as a category is written as its shortest decimal,
 * so {@code 1} and {@code 1.0} are the same category). {@code null}, absent and blank text are missing.
 */
public final class Values {

    private Values() {
    }

    public static boolean isMissing(Object value) {
        return value == null || value instanceof String s && s.isBlank()
                || value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN();
    }

    /** The number, {@code null} when missing; a value that is no number is refused, naming the column. */
    public static Double number(String column, Object value) {
        if (isMissing(value)) {
            return null;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isInfinite(d)) {
                throw new TransformException(column, "expected a finite number, got " + value);
            }
            return d;
        }
        if (value instanceof String s) {
            try {
                double d = Double.parseDouble(s.trim());
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw new TransformException(column, "expected a number, got " + describe(value));
    }

    /** The boolean, {@code null} when missing. */
    public static Boolean bool(String column, Object value) {
        if (isMissing(value)) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return n.doubleValue() == 1;
        }
        if (value instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> {
                    return true;
                }
                case "false", "no", "0" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw new TransformException(column, "expected true or false, got " + describe(value));
    }

    /** The category as text, {@code null} when missing. */
    public static String category(String column, Object value) {
        if (isMissing(value)) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new TransformException(column, "expected a category, got " + value);
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        throw new TransformException(column, "expected a category, got " + describe(value));
    }

    static String describe(Object value) {
        if (value instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (value instanceof java.util.Map<?, ?>) {
            return "an object";
        }
        if (value instanceof java.util.Collection<?>) {
            return "a list";
        }
        return String.valueOf(value);
    }
}

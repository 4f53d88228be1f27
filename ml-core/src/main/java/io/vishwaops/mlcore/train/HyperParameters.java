package io.vishwaops.mlcore.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one algorithm's hyper-parameters from the loose map a pipeline spec gives (numbers may arrive as Integer,
 * Long or Double from JSON/YAML), checks each against its type and range, fills defaults, and rejects names the
 * algorithm does not know, so a typo fails at validation instead of silently training with a default.
 */
final class HyperParameters {

    private final Algorithm algorithm;
    private final Map<String, Object> given;
    private final Set<String> known = new LinkedHashSet<>();
    private final Map<String, Object> resolved = new LinkedHashMap<>();

    HyperParameters(Algorithm algorithm, Map<String, ?> given) {
        this.algorithm = algorithm;
        this.given = given == null ? Map.of() : Map.copyOf(given);
    }

    int integer(String name, int defaultValue, int min, int max) {
        Object value = take(name, defaultValue);
        if (!(value instanceof Number number) || !isIntegral(number)) {
            throw invalid(name, "must be an integer, was " + describe(value));
        }
        long v = number.longValue();
        if (v < min || v > max) {
            throw invalid(name, "must be in [" + min + ", " + max + "], was " + v);
        }
        resolved.put(name, (int) v);
        return (int) v;
    }

    /** A real number in [min, max], or (min, max] when minExclusive. */
    double real(String name, double defaultValue, double min, boolean minExclusive, double max) {
        Object value = take(name, defaultValue);
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw invalid(name, "must be a finite number, was " + describe(value));
        }
        double v = number.doubleValue();
        if (v < min || (minExclusive && v == min) || v > max) {
            throw invalid(name, "must be in " + (minExclusive ? "(" : "[") + min + ", " + max + "], was " + v);
        }
        resolved.put(name, v);
        return v;
    }

    String choice(String name, String defaultValue, String... choices) {
        Object value = take(name, defaultValue);
        String v = value instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : null;
        if (v == null || !Arrays.asList(choices).contains(v)) {
            throw invalid(name, "must be one of " + String.join(", ", choices) + ", was " + describe(value));
        }
        resolved.put(name, v);
        return v;
    }

    /** A non-empty list of integers of at least min each, e.g. hidden layer sizes. A single number is a list of one. */
    List<Integer> integers(String name, List<Integer> defaultValue, int min, int max) {
        Object value = take(name, defaultValue);
        List<?> items = value instanceof List<?> list ? list : value instanceof Number ? List.of(value) : null;
        if (items == null || items.isEmpty()) {
            throw invalid(name, "must be a non-empty list of integers, was " + describe(value));
        }
        List<Integer> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Number number) || !isIntegral(number) || number.longValue() < min || number.longValue() > max) {
                throw invalid(name, "must hold integers in [" + min + ", " + max + "], had " + describe(item));
            }
            out.add(number.intValue());
        }
        resolved.put(name, List.copyOf(out));
        return List.copyOf(out);
    }

    /** Call after reading every parameter: rejects the names that were not read. */
    Map<String, Object> done() {
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw invalid(first, "is not a hyper-parameter of " + algorithm.id() + "; known: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
        return Map.copyOf(resolved);
    }

    InvalidHyperParameterException invalid(String name, String problem) {
        return new InvalidHyperParameterException(algorithm, name, problem);
    }

    private Object take(String name, Object defaultValue) {
        known.add(name);
        Object value = given.get(name);
        return value == null ? defaultValue : value;
    }

    private static boolean isIntegral(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return true;
        }
        double d = n.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE;
    }

    private static String describe(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}

package io.vishwaops.feature.derived;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Between stored rows (JSON, numbers as written) and the values expressions read and give. */
public final class RowValues {

    private RowValues() {
    }

    /** A row's values as an expression reads them; a {@code null} is left out, as missing. */
    public static Map<String, Object> of(JsonNode row) {
        Map<String, Object> values = new HashMap<>(row.size() * 2);
        for (Map.Entry<String, JsonNode> field : row.properties()) {
            JsonNode value = field.getValue();
            if (value.isNumber()) {
                values.put(field.getKey(), value.numberValue());
            }
            else if (value.isString()) {
                values.put(field.getKey(), value.stringValue());
            }
            else if (value.isBoolean()) {
                values.put(field.getKey(), value.booleanValue());
            }
        }
        return values;
    }

    /**
     * Adds each feature's value for {@code row} to it: numbers as the shortest decimal that reads back as the same
     * double ({@code 0.1 + 0.2} is {@code 0.30000000000000004}), timestamps as ISO-8601 instants; a missing value is
     * left out.
     */
    public static void addDerived(ObjectNode row, List<DerivedFeatures.Compiled> features) {
        if (features.isEmpty()) {
            return;
        }
        Map<String, Object> values = of(row);
        for (DerivedFeatures.Compiled feature : features) {
            put(row, feature.name(), feature.evaluate(values));
        }
    }

    public static void put(ObjectNode row, String name, Object value) {
        switch (value) {
            case null -> {
            }
            case Double number -> row.put(name, BigDecimal.valueOf(number));
            case Number number -> row.put(name, new BigDecimal(number.toString()));
            case Boolean bool -> row.put(name, bool);
            case Instant instant -> row.put(name, instant.toString());
            default -> row.put(name, value.toString());
        }
    }
}

package io.vishwaops.serving.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** JSON values as the plain Java values the model's signature and pipeline read. */
public final class JsonRows {

    private JsonRows() {
    }

    public static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue() : node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.values().forEach(v -> list.add(value(v)));
            return list;
        }
        return row(node);
    }

    /** An object as a row: field name to value, in the object's order. */
    public static Map<String, Object> row(JsonNode node) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            row.put(field.getKey(), value(field.getValue()));
        }
        return row;
    }

    /**
     * An array of objects as rows; anything else is a problem of the request named {@code field}.
     */
    public static List<Map<String, Object>> records(JsonNode array, String field) {
        if (array == null || !array.isArray()) {
            throw new InvalidRows(field, "must be an array of objects, one per row");
        }
        List<Map<String, Object>> rows = new ArrayList<>(array.size());
        List<InvalidRows.Problem> problems = new ArrayList<>();
        int i = 0;
        for (JsonNode item : array.values()) {
            if (item.isObject()) {
                rows.add(row(item));
            } else {
                problems.add(new InvalidRows.Problem(i, field, "must be an object of column values, got " + item.getNodeType()));
            }
            i++;
        }
        if (!problems.isEmpty()) {
            throw new InvalidRows(problems);
        }
        return rows;
    }
}

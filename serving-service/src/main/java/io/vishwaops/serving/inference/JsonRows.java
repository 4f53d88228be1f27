package io.vishwaops.serving.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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

    /**
     * The JSON value that starts at the parser's current token, read straight into the same plain values
     * {@link #value(JsonNode)} gives (objects as ordered maps, arrays as lists, whole numbers that fit a long as
     * {@code Long}, other numbers as {@code Double}), without building a tree first.
     */
    public static Object read(JsonParser parser) {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                    parser.nextToken();
                    object.put(name, read(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(parser));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT, LONG -> parser.getLongValue();
                default -> parser.getDoubleValue();
            };
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalStateException("not the start of a JSON value: " + token);
        };
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

    /** Plain values (from {@link #read(JsonParser)}) as rows, with the same problems as {@link #records(JsonNode, String)}. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> records(Object array, String field) {
        if (!(array instanceof List<?> items)) {
            throw new InvalidRows(field, "must be an array of objects, one per row");
        }
        List<Map<String, Object>> rows = new ArrayList<>(items.size());
        List<InvalidRows.Problem> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Map<?, ?> row) {
                rows.add((Map<String, Object>) row);
            } else {
                problems.add(new InvalidRows.Problem(i, field, "must be an object of column values, got "
                        + kind(items.get(i))));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRows(problems);
        }
        return rows;
    }

    /** The JSON kind of a plain value, in the words of Jackson's node types. */
    static String kind(Object value) {
        return switch (value) {
            case null -> "NULL";
            case String ignored -> "STRING";
            case Number ignored -> "NUMBER";
            case Boolean ignored -> "BOOLEAN";
            case List<?> ignored -> "ARRAY";
            default -> "OBJECT";
        };
    }
}

package io.vishwaops.registry.mlflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vishwaops.problems.InvalidInput;

import org.springframework.util.MultiValueMap;

import tools.jackson.databind.JsonNode;

/**
 * The parameters of an MLflow call, wherever the client put them: GET calls carry them in the query string,
 * POST, PATCH and DELETE calls in a JSON body. Missing or mistyped parameters are refused as MLflow does.
 */
final class MlflowRequest {

    private final MultiValueMap<String, String> query;
    private final JsonNode body;

    MlflowRequest(MultiValueMap<String, String> query, JsonNode body) {
        this.query = query;
        this.body = body;
    }

    String string(String name) {
        String value = optString(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidInput(name, "Missing value for required parameter '" + name
                    + "'. See the API docs for more information about request parameters.");
        }
        return value;
    }

    String optString(String name) {
        if (body != null && body.has(name) && !body.get(name).isNull()) {
            JsonNode node = body.get(name);
            if (node.isObject() || node.isArray()) {
                throw new InvalidInput(name, "Invalid value " + node + " for parameter '" + name + "' supplied: expected a string");
            }
            return node.asString();
        }
        return query.getFirst(name);
    }

    Long optLong(String name) {
        String value = optString(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException ex) {
            throw new InvalidInput(name, "Invalid value '" + value + "' for parameter '" + name
                    + "' supplied: expected an integer");
        }
    }

    double number(String name) {
        String value = string(name);
        try {
            return Double.parseDouble(value);
        }
        catch (NumberFormatException ex) {
            throw new InvalidInput(name, "Invalid value '" + value + "' for parameter '" + name
                    + "' supplied: expected a number");
        }
    }

    int maxResults(int defaultValue, int limit) {
        Long value = optLong("max_results");
        if (value == null) {
            return defaultValue;
        }
        if (value < 1 || value > limit) {
            throw new InvalidInput("max_results", "Invalid value " + value + " for parameter 'max_results' supplied. "
                    + "It must be at least 1 and at most " + limit + ".");
        }
        return value.intValue();
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(optString(name));
    }

    List<String> strings(String name) {
        List<String> values = new ArrayList<>();
        if (body != null && body.has(name)) {
            JsonNode node = body.get(name);
            if (node.isArray()) {
                node.forEach(v -> values.add(v.asString()));
            }
            else if (!node.isNull()) {
                values.add(node.asString());
            }
            return values;
        }
        List<String> fromQuery = query.get(name);
        return fromQuery == null ? values : fromQuery;
    }

    /** A list of {key, value} objects, as MLflow sends tags. */
    Map<String, String> tags(String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : nodes(name)) {
            if (!tag.hasNonNull("key")) {
                throw new InvalidInput(name, "every tag needs a 'key'");
            }
            tags.put(tag.get("key").asString(), tag.path("value").asString(""));
        }
        return tags;
    }

    List<JsonNode> nodes(String name) {
        List<JsonNode> nodes = new ArrayList<>();
        if (body != null && body.has(name) && !body.get(name).isNull()) {
            if (!body.get(name).isArray()) {
                throw new InvalidInput(name, "Invalid value for parameter '" + name + "': expected a list");
            }
            body.get(name).forEach(nodes::add);
        }
        return nodes;
    }
}

package io.vishwaops.serving.inference.web;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.mlcore.pipeline.InputColumn;
import io.vishwaops.serving.ServingProperties;
import io.vishwaops.serving.inference.CsvRows;
import io.vishwaops.serving.inference.InvalidRows;
import io.vishwaops.serving.inference.JsonRows;
import io.vishwaops.serving.inference.Predictions;
import io.vishwaops.serving.model.ModelCatalog;
import io.vishwaops.serving.model.ModelStatus;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MLflow's scoring server protocol: {@code POST /invocations} with {@code dataframe_split},
 * {@code dataframe_records}, {@code instances} or {@code inputs} as JSON, or a CSV with a header row; the answer is
 * {@code {"predictions": [...]}} with the probabilities, ids and version beside. MLflow serves one model per server;
 * here the model is {@code ?model=}, the {@code X-Vops-Model} header, {@code vops.serving.default-model}, or the
 * only model served.
 */
@RestController
@Tag(name = "invocations", description = "MLflow-style scoring: POST /invocations with JSON or CSV")
class InvocationsController {

    private final Predictions predictions;
    private final ModelCatalog catalog;
    private final ServingProperties properties;
    private final JsonMapper json;

    InvocationsController(Predictions predictions, ModelCatalog catalog, ServingProperties properties, JsonMapper json) {
        this.predictions = predictions;
        this.catalog = catalog;
        this.properties = properties;
        this.json = json;
    }

    @Operation(summary = "Score a JSON payload in one of MLflow's four shapes")
    @PostMapping(value = "/invocations", consumes = "application/json")
    Map<String, Object> json(@RequestParam(required = false) String model,
            @RequestHeader(value = "X-Vops-Model", required = false) String modelHeader,
            @RequestHeader(value = "X-Request-Key", required = false) String requestKey, @RequestBody String body) {
        String name = model(model, modelHeader);
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRows("body", "is not valid JSON: " + e.getOriginalMessage());
        }
        return answer(name, rows(name, payload), requestKey);
    }

    @Operation(summary = "Score a CSV with a header row")
    @PostMapping(value = "/invocations", consumes = "text/csv")
    Map<String, Object> csv(@RequestParam(required = false) String model,
            @RequestHeader(value = "X-Vops-Model", required = false) String modelHeader,
            @RequestHeader(value = "X-Request-Key", required = false) String requestKey, @RequestBody String body) {
        String name = model(model, modelHeader);
        return answer(name, CsvRows.readAll(new StringReader(body)), requestKey);
    }

    private Map<String, Object> answer(String model, List<Map<String, Object>> rows, String requestKey) {
        Predictions.Scored scored = predictions.predict(model, null, rows, requestKey, "invocations");
        List<Object> values = new ArrayList<>(rows.size());
        List<Map<String, Double>> probabilities = new ArrayList<>(rows.size());
        scored.predictions().forEach(p -> {
            values.add(p.value());
            probabilities.add(p.probabilities());
        });
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("predictions", values);
        if (!scored.model().bundle().signature().classNames().isEmpty()) {
            response.put("probabilities", probabilities);
        }
        response.put("predictionIds", scored.ids());
        response.put("model", scored.model().model());
        response.put("version", scored.model().version());
        return response;
    }

    private String model(String param, String header) {
        if (param != null && !param.isBlank()) {
            return param;
        }
        if (header != null && !header.isBlank()) {
            return header;
        }
        if (properties.defaultModel() != null && !properties.defaultModel().isBlank()) {
            return properties.defaultModel();
        }
        List<ModelStatus> served = catalog.status();
        if (served.size() == 1) {
            return served.getFirst().model();
        }
        throw new InvalidRows("model", "name the model with ?model= or the X-Vops-Model header: this server serves "
                + (served.isEmpty() ? "no model yet" : served.size() + " models"));
    }

    private List<Map<String, Object>> rows(String model, JsonNode payload) {
        if (!payload.isObject()) {
            throw new InvalidRows("body", "must be an object with dataframe_split, dataframe_records, instances or inputs");
        }
        if (payload.has("dataframe_split")) {
            return split(payload.get("dataframe_split"));
        }
        if (payload.has("dataframe_records")) {
            return JsonRows.records(payload.get("dataframe_records"), "dataframe_records");
        }
        if (payload.has("instances")) {
            return instances(model, payload.get("instances"), "instances");
        }
        if (payload.has("inputs")) {
            JsonNode inputs = payload.get("inputs");
            return inputs.isObject() ? columnar(inputs) : instances(model, inputs, "inputs");
        }
        throw new InvalidRows("body", "must have one of dataframe_split, dataframe_records, instances or inputs");
    }

    private static List<Map<String, Object>> split(JsonNode split) {
        JsonNode columns = split.path("columns");
        JsonNode data = split.path("data");
        if (!columns.isArray() || !data.isArray()) {
            throw new InvalidRows("dataframe_split", "needs columns (the names) and data (one array per row)");
        }
        List<String> names = new ArrayList<>();
        columns.values().forEach(c -> names.add(c.asString()));
        List<Map<String, Object>> rows = new ArrayList<>(data.size());
        List<InvalidRows.Problem> problems = new ArrayList<>();
        int r = 0;
        for (JsonNode values : data.values()) {
            if (!values.isArray() || values.size() != names.size()) {
                problems.add(new InvalidRows.Problem(r, "dataframe_split.data", "must be an array of " + names.size()
                        + " values, one per column"));
            } else {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 0; c < names.size(); c++) {
                    row.put(names.get(c), JsonRows.value(values.get(c)));
                }
                rows.add(row);
            }
            r++;
        }
        if (!problems.isEmpty()) {
            throw new InvalidRows(problems);
        }
        return rows;
    }

    private static List<Map<String, Object>> columnar(JsonNode inputs) {
        int n = -1;
        for (Map.Entry<String, JsonNode> column : inputs.properties()) {
            int size = column.getValue().isArray() ? column.getValue().size() : 1;
            if (n >= 0 && size != n) {
                throw new InvalidRows("inputs." + column.getKey(), "has " + size + " values, other columns have " + n);
            }
            n = size;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < Math.max(n, 0); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> column : inputs.properties()) {
                JsonNode v = column.getValue();
                row.put(column.getKey(), JsonRows.value(v.isArray() ? v.get(r) : v));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Objects, or arrays of values in the order of the model's inputs (as its metadata lists them). */
    private List<Map<String, Object>> instances(String model, JsonNode instances, String field) {
        if (!instances.isArray()) {
            throw new InvalidRows(field, "must be an array, one item per row");
        }
        List<InputColumn> inputs = null;
        List<Map<String, Object>> rows = new ArrayList<>(instances.size());
        int r = 0;
        for (JsonNode item : instances.values()) {
            if (item.isObject()) {
                rows.add(JsonRows.row(item));
            } else if (item.isArray()) {
                if (inputs == null) {
                    inputs = catalog.serving(model).bundle().signature().inputs();
                }
                if (item.size() != inputs.size()) {
                    throw new InvalidRows(List.of(new InvalidRows.Problem(r, field, "has " + item.size()
                            + " values; the model takes " + inputs.size() + ": "
                            + String.join(", ", inputs.stream().map(InputColumn::name).toList()))));
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 0; c < inputs.size(); c++) {
                    row.put(inputs.get(c).name(), JsonRows.value(item.get(c)));
                }
                rows.add(row);
            } else {
                throw new InvalidRows(List.of(new InvalidRows.Problem(r, field, "must be an object or an array of values")));
            }
            r++;
        }
        return rows;
    }
}

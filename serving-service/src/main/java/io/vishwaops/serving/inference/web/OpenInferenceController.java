package io.vishwaops.serving.inference.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.mlcore.bundle.InputSignature;
import io.vishwaops.mlcore.bundle.Prediction;
import io.vishwaops.mlcore.pipeline.InputColumn;
import io.vishwaops.serving.inference.InvalidRows;
import io.vishwaops.serving.inference.JsonRows;
import io.vishwaops.serving.inference.Predictions;
import io.vishwaops.serving.model.ModelCatalog;
import io.vishwaops.serving.model.ServedModel;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * The Open Inference Protocol V2 (REST), as KServe, Triton and Seldon speak it: one input tensor per raw column
 * ({@code BYTES} for text and categories, {@code FP64} / {@code INT64} for numbers, {@code BOOL}), shape {@code [n]}
 * or {@code [n, 1]}; outputs {@code predict} (the class label or value per row) and, for classifiers,
 * {@code probabilities} ({@code [n, classes]}, the class order in its {@code parameters.classes}).
 */
@RestController
@Tag(name = "open-inference", description = "Open Inference Protocol V2: health, model metadata, readiness, inference")
class OpenInferenceController {

    private static final Set<String> NUMBER_TYPES = Set.of("FP16", "FP32", "FP64", "INT8", "INT16", "INT32", "INT64",
            "UINT8", "UINT16", "UINT32", "UINT64");

    private final Predictions predictions;
    private final ModelCatalog catalog;

    OpenInferenceController(Predictions predictions, ModelCatalog catalog) {
        this.predictions = predictions;
        this.catalog = catalog;
    }

    @Operation(summary = "Server metadata")
    @GetMapping("/v2")
    Map<String, Object> server() {
        return Map.of("name", "vishwaops-serving", "version", "2", "extensions", List.of());
    }

    @Operation(summary = "Live: the server answers")
    @GetMapping("/v2/health/live")
    Map<String, Boolean> live() {
        return Map.of("live", true);
    }

    @Operation(summary = "Ready: every configured model has a version answering (400 otherwise, as the protocol says)")
    @GetMapping("/v2/health/ready")
    ResponseEntity<Map<String, Boolean>> ready() {
        boolean ready = catalog.allConfiguredServing();
        return ResponseEntity.status(ready ? 200 : 400).body(Map.of("ready", ready));
    }

    @Operation(summary = "Whether the model (its default alias) can answer; 404 for an unknown model")
    @GetMapping("/v2/models/{model}/ready")
    Map<String, Object> modelReady(@PathVariable String model) {
        ServedModel served = catalog.serving(model);
        return Map.of("name", model, "version", served.version(), "ready", true);
    }

    @Operation(summary = "Whether the version can answer (it is loaded if it is not yet)")
    @GetMapping("/v2/models/{model}/versions/{version}/ready")
    Map<String, Object> versionReady(@PathVariable String model, @PathVariable String version) {
        catalog.version(model, version);
        return Map.of("name", model, "version", version, "ready", true);
    }

    @Operation(summary = "Model metadata: the input tensors (one per raw column) and the outputs")
    @GetMapping("/v2/models/{model}")
    Map<String, Object> metadata(@PathVariable String model) {
        return metadata(catalog.serving(model));
    }

    @Operation(summary = "Metadata of one version")
    @GetMapping("/v2/models/{model}/versions/{version}")
    Map<String, Object> versionMetadata(@PathVariable String model, @PathVariable String version) {
        return metadata(catalog.version(model, version));
    }

    @Operation(summary = "Inference with the default alias (and the canary's share)")
    @PostMapping("/v2/models/{model}/infer")
    Map<String, Object> infer(@PathVariable String model,
            @RequestHeader(value = "X-Request-Key", required = false) String requestKey, @RequestBody JsonNode body) {
        return infer(model, null, requestKey, body);
    }

    @Operation(summary = "Inference with one version")
    @PostMapping("/v2/models/{model}/versions/{version}/infer")
    Map<String, Object> inferVersion(@PathVariable String model, @PathVariable String version,
            @RequestBody JsonNode body) {
        return infer(model, version, null, body);
    }

    private Map<String, Object> infer(String model, String version, String requestKey, JsonNode body) {
        List<Map<String, Object>> rows = rows(body);
        Predictions.Scored scored = predictions.predict(model, version, rows, requestKey, "v2");
        InputSignature signature = scored.model().bundle().signature();
        boolean classifier = !signature.classNames().isEmpty();
        Set<String> wanted = new java.util.HashSet<>();
        body.path("outputs").forEach(o -> wanted.add(o.path("name").asString()));
        List<Map<String, Object>> outputs = new ArrayList<>();
        int n = rows.size();
        if (wanted.isEmpty() || wanted.contains("predict")) {
            List<Object> values = new ArrayList<>(n);
            scored.predictions().forEach(p -> values.add(p.value()));
            outputs.add(tensor("predict", classifier ? "BYTES" : "FP64", List.of(n), values, null));
        }
        if (classifier && (wanted.isEmpty() || wanted.contains("probabilities"))) {
            List<Object> values = new ArrayList<>(n * signature.classNames().size());
            for (Prediction p : scored.predictions()) {
                for (String c : signature.classNames()) {
                    values.add(p.probabilities().getOrDefault(c, 0.0));
                }
            }
            outputs.add(tensor("probabilities", "FP64", List.of(n, signature.classNames().size()), values,
                    Map.of("classes", signature.classNames())));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("model_name", scored.model().model());
        response.put("model_version", scored.model().version());
        if (body.hasNonNull("id")) {
            response.put("id", body.get("id").asString());
        }
        response.put("parameters", Map.of("prediction_ids", scored.ids().stream().map(Object::toString).toList(),
                "route", scored.role()));
        response.put("outputs", outputs);
        return response;
    }

    private static Map<String, Object> tensor(String name, String datatype, List<Integer> shape, List<Object> data,
            Map<String, Object> parameters) {
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("name", name);
        tensor.put("datatype", datatype);
        tensor.put("shape", shape);
        if (parameters != null) {
            tensor.put("parameters", parameters);
        }
        tensor.put("data", data);
        return tensor;
    }

    /** One row per tensor element: every input tensor is one column and all have the same length. */
    static List<Map<String, Object>> rows(JsonNode body) {
        JsonNode inputs = body.path("inputs");
        if (!inputs.isArray() || inputs.isEmpty()) {
            throw new InvalidRows("inputs", "must be a non-empty array of input tensors, one per column");
        }
        List<InvalidRows.Problem> problems = new ArrayList<>();
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        Integer rowCount = null;
        int t = 0;
        for (JsonNode tensor : inputs.values()) {
            String at = "inputs[" + t++ + "]";
            String name = tensor.path("name").asString(null);
            if (name == null || name.isBlank()) {
                problems.add(new InvalidRows.Problem(null, at + ".name", "is required: the column the tensor holds"));
                continue;
            }
            String datatype = tensor.path("datatype").asString("");
            JsonNode shape = tensor.path("shape");
            if (!shape.isArray() || shape.isEmpty() || shape.size() > 2 || !shape.get(0).isIntegralNumber()
                    || shape.size() == 2 && shape.get(1).asLong() != 1) {
                problems.add(new InvalidRows.Problem(null, name, "shape must be [rows] or [rows, 1] (one column per "
                        + "tensor), was " + shape));
                continue;
            }
            List<Object> data = new ArrayList<>();
            flatten(tensor.path("data"), data);
            int n = shape.get(0).asInt();
            if (data.size() != n) {
                problems.add(new InvalidRows.Problem(null, name, "has " + data.size() + " values for shape " + shape));
                continue;
            }
            if (rowCount != null && rowCount != n) {
                problems.add(new InvalidRows.Problem(null, name, "has " + n + " rows, other inputs have " + rowCount));
                continue;
            }
            rowCount = n;
            String typeProblem = typeProblem(datatype, data);
            if (typeProblem != null) {
                problems.add(new InvalidRows.Problem(null, name, typeProblem));
                continue;
            }
            if (columns.put(name, data) != null) {
                problems.add(new InvalidRows.Problem(null, name, "is given by more than one input tensor"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRows(problems);
        }
        List<Map<String, Object>> rows = new ArrayList<>(rowCount);
        for (int r = 0; r < rowCount; r++) {
            Map<String, Object> row = new HashMap<>();
            for (Map.Entry<String, List<Object>> column : columns.entrySet()) {
                row.put(column.getKey(), column.getValue().get(r));
            }
            rows.add(row);
        }
        return rows;
    }

    private static void flatten(JsonNode data, List<Object> into) {
        if (data.isArray()) {
            data.values().forEach(v -> flatten(v, into));
        } else if (!data.isMissingNode()) {
            into.add(JsonRows.value(data));
        }
    }

    private static String typeProblem(String datatype, List<Object> data) {
        if (datatype.equals("BYTES")) {
            return null;
        }
        if (datatype.equals("BOOL")) {
            return data.stream().allMatch(v -> v == null || v instanceof Boolean) ? null
                    : "datatype BOOL holds only true and false";
        }
        if (NUMBER_TYPES.contains(datatype)) {
            return data.stream().allMatch(v -> v == null || v instanceof Number) ? null
                    : "datatype " + datatype + " holds only numbers";
        }
        return "datatype must be BYTES, BOOL or a number type (FP64, INT64, ...), was '" + datatype + "'";
    }

    /** A tensor of the model's metadata: {@code -1} is the row count, any. */
    record MetadataTensor(String name, String datatype, List<Integer> shape) {
    }

    private Map<String, Object> metadata(ServedModel served) {
        InputSignature signature = served.bundle().signature();
        List<MetadataTensor> inputs = new ArrayList<>();
        for (InputColumn c : signature.inputs()) {
            inputs.add(new MetadataTensor(c.name(), datatype(c), List.of(-1)));
        }
        List<MetadataTensor> outputs = new ArrayList<>();
        boolean classifier = !signature.classNames().isEmpty();
        outputs.add(new MetadataTensor("predict", classifier ? "BYTES" : "FP64", List.of(-1)));
        if (classifier) {
            outputs.add(new MetadataTensor("probabilities", "FP64", List.of(-1, signature.classNames().size())));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("version", served.version());
        parameters.put("target", signature.target());
        parameters.put("classes", signature.classNames());
        parameters.put("sha256", served.sha256());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", served.model());
        metadata.put("versions", catalog.versions(served.model()));
        metadata.put("platform", "vishwaops");
        metadata.put("inputs", inputs);
        metadata.put("outputs", outputs);
        metadata.put("parameters", parameters);
        return metadata;
    }

    private static String datatype(InputColumn column) {
        return switch (column.type()) {
            case "numeric" -> "FP64";
            case "integer" -> "INT64";
            case "boolean" -> "BOOL";
            default -> "BYTES";
        };
    }
}

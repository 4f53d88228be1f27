package io.vishwaops.serving.inference.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.serving.inference.InvalidRows;
import io.vishwaops.serving.inference.JsonRows;
import io.vishwaops.serving.inference.OnlineFeatures;
import io.vishwaops.serving.inference.Predictions;
import io.vishwaops.serving.model.ModelCatalog;
import io.vishwaops.serving.model.ServedModel;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "predict", description = "Predictions for JSON records, or for entities whose features the online store holds")
class PredictController {

    private final Predictions predictions;
    private final ModelCatalog catalog;
    private final OnlineFeatures features;

    PredictController(Predictions predictions, ModelCatalog catalog, OnlineFeatures features) {
        this.predictions = predictions;
        this.catalog = catalog;
        this.features = features;
    }

    /** One answer: its id (for feedback), the prediction, the class probabilities, the entity asked about. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Answer(UUID predictionId, Object prediction, Map<String, Double> probabilities, String entityId) {
    }

    /** @param route {@code primary}, {@code canary} or {@code version} (a version named in the request) */
    record PredictResponse(String model, String version, String route, List<Answer> predictions) {
    }

    @Operation(summary = "Predict: a record, an array of records, {\"records\": [...]}, {\"entityId\": ...} or "
            + "{\"entityIds\": [...]} (features from the online store of the model's dataset)")
    @PostMapping(value = "/api/v1/models/{model}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    PredictResponse predict(@PathVariable String model, @RequestParam(required = false) String version,
            @RequestHeader(value = "X-Request-Key", required = false) String requestKey, @RequestBody JsonNode body) {
        List<String> entityIds = entityIds(body);
        List<Map<String, Object>> rows;
        if (entityIds != null) {
            ServedModel served = version == null ? catalog.serving(model) : catalog.version(model, version);
            rows = features.rows(served, entityIds);
            if (requestKey == null && entityIds.size() == 1) {
                requestKey = entityIds.getFirst();
            }
        } else if (body.isArray()) {
            rows = JsonRows.records(body, "body");
        } else if (body.isObject() && body.size() == 1 && body.has("records")) {
            rows = JsonRows.records(body.get("records"), "records");
        } else if (body.isObject()) {
            rows = List.of(JsonRows.row(body));
        } else {
            throw new InvalidRows("body", "must be a record, an array of records, {\"records\": [...]}, "
                    + "{\"entityId\": ...} or {\"entityIds\": [...]}");
        }
        Predictions.Scored scored = predictions.predict(model, version, rows, requestKey, "predict");
        List<Answer> answers = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            var p = scored.predictions().get(i);
            answers.add(new Answer(scored.ids().get(i), p.value(), p.probabilities(),
                    entityIds == null ? null : entityIds.get(i)));
        }
        return new PredictResponse(scored.model().model(), scored.model().version(), scored.role(), answers);
    }

    private static List<String> entityIds(JsonNode body) {
        if (!body.isObject() || body.size() != 1) {
            return null;
        }
        if (body.has("entityId")) {
            JsonNode id = body.get("entityId");
            if (!id.isValueNode() || id.isNull()) {
                throw new InvalidRows("entityId", "must be the entity's id, as text or a number");
            }
            return List.of(id.asString());
        }
        if (body.has("entityIds")) {
            JsonNode ids = body.get("entityIds");
            if (!ids.isArray() || ids.isEmpty()) {
                throw new InvalidRows("entityIds", "must be a non-empty array of entity ids");
            }
            List<String> out = new ArrayList<>();
            ids.values().forEach(id -> out.add(id.asString()));
            return out;
        }
        return null;
    }
}

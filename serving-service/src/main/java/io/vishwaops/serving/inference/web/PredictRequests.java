package io.vishwaops.serving.inference.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.vishwaops.serving.inference.InvalidRows;
import io.vishwaops.serving.inference.JsonRows;
import io.vishwaops.serving.inference.OnlineFeatures;
import io.vishwaops.serving.inference.Predictions;
import io.vishwaops.serving.model.ModelCatalog;
import io.vishwaops.serving.model.ServedModel;

import org.springframework.stereotype.Component;

/**
 * What {@code POST /api/v1/models/{m}/predict} does with a body, whichever way it was read: the controller's
 * (Spring MVC with its converters) and {@link PredictRoute}'s (the JSON streamed straight from the request) give the
 * same answers and the same problems.
 */
@Component
class PredictRequests {

    private final Predictions predictions;
    private final ModelCatalog catalog;
    private final OnlineFeatures features;

    PredictRequests(Predictions predictions, ModelCatalog catalog, OnlineFeatures features) {
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

    /**
     * The answer to a body given as plain values (objects as maps, arrays as lists): a record, an array of records,
     * {@code {"records": [...]}}, {@code {"entityId": ...}} or {@code {"entityIds": [...]}}.
     */
    PredictResponse answer(String model, String version, String requestKey, Object body) {
        List<String> entityIds = entityIds(body);
        List<Map<String, Object>> rows;
        if (entityIds != null) {
            ServedModel served = version == null ? catalog.serving(model) : catalog.version(model, version);
            rows = features.rows(served, entityIds);
            if (requestKey == null && entityIds.size() == 1) {
                requestKey = entityIds.getFirst();
            }
        } else if (body instanceof List<?>) {
            rows = JsonRows.records(body, "body");
        } else if (body instanceof Map<?, ?> object && object.size() == 1 && object.containsKey("records")) {
            rows = JsonRows.records(object.get("records"), "records");
        } else if (body instanceof Map<?, ?> object) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) object;
            rows = List.of(row);
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

    private static List<String> entityIds(Object body) {
        if (!(body instanceof Map<?, ?> object) || object.size() != 1) {
            return null;
        }
        if (object.containsKey("entityId")) {
            Object id = object.get("entityId");
            if (!isIdentifier(id)) {
                throw new InvalidRows("entityId", "must be the entity's id, as text or a number");
            }
            return List.of(String.valueOf(id));
        }
        if (object.containsKey("entityIds")) {
            if (!(object.get("entityIds") instanceof List<?> ids) || ids.isEmpty()) {
                throw new InvalidRows("entityIds", "must be a non-empty array of entity ids");
            }
            List<String> out = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                if (!isIdentifier(ids.get(i))) {
                    throw new InvalidRows(List.of(new InvalidRows.Problem(i, "entityIds",
                            "must be an entity's id, as text or a number")));
                }
                out.add(String.valueOf(ids.get(i)));
            }
            return out;
        }
        return null;
    }

    private static boolean isIdentifier(Object id) {
        return id instanceof String || id instanceof Number || id instanceof Boolean;
    }
}

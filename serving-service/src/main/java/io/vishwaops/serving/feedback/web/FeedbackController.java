package io.vishwaops.serving.feedback.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.contracts.predictions.FeedbackReceived;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.serving.feedback.FeedbackLog;
import io.vishwaops.serving.inference.JsonRows;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "feedback", description = "Ground-truth labels for earlier predictions, by prediction id")
class FeedbackController {

    private final FeedbackLog feedback;

    FeedbackController(FeedbackLog feedback) {
        this.feedback = feedback;
    }

    record FeedbackResponse(int accepted, List<FeedbackReceived> feedback) {
    }

    @Operation(summary = "Labels: {predictionId, model, actual} or an array of them; all or none are accepted")
    @PostMapping(value = "/api/v1/feedback", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    FeedbackResponse receive(@RequestBody JsonNode body) {
        List<JsonNode> items = new ArrayList<>();
        boolean many = body.isArray();
        if (many) {
            body.values().forEach(items::add);
        } else {
            items.add(body);
        }
        if (items.isEmpty()) {
            throw new InvalidInput("body", "must be a label object or a non-empty array of them");
        }
        List<InvalidInput.Error> errors = new ArrayList<>();
        List<FeedbackLog.Label> labels = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = many ? "[" + i + "]." : "";
            if (!item.isObject()) {
                errors.add(new InvalidInput.Error(many ? "[" + i + "]" : "body", "must be an object with predictionId, model and actual"));
                continue;
            }
            UUID id = null;
            try {
                id = UUID.fromString(item.path("predictionId").asString(""));
            } catch (IllegalArgumentException e) {
                errors.add(new InvalidInput.Error(at + "predictionId", "must be the id a prediction answer carried"));
            }
            String model = item.path("model").asString("");
            if (model.isBlank()) {
                errors.add(new InvalidInput.Error(at + "model", "is required: the model that made the prediction"));
            }
            JsonNode actual = item.path("actual");
            if (actual.isMissingNode() || actual.isNull() || actual.isContainer()) {
                errors.add(new InvalidInput.Error(at + "actual", "is required: the true label or value"));
            }
            if (errors.isEmpty()) {
                labels.add(new FeedbackLog.Label(id, model, JsonRows.value(actual)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        List<FeedbackReceived> recorded = feedback.record(labels);
        return new FeedbackResponse(recorded.size(), recorded);
    }
}

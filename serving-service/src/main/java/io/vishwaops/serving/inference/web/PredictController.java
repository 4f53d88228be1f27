package io.vishwaops.serving.inference.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.serving.inference.JsonRows;

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

    private final PredictRequests requests;

    PredictController(PredictRequests requests) {
        this.requests = requests;
    }

    /**
     * The documented form of the route, and the one Spring MVC answers when {@link PredictRoute} leaves a request to
     * it (another content type, an {@code Accept} that rules JSON out, an escaped path): the same answers either way.
     */
    @Operation(summary = "Predict: a record, an array of records, {\"records\": [...]}, {\"entityId\": ...} or "
            + "{\"entityIds\": [...]} (features from the online store of the model's dataset)")
    @PostMapping(value = "/api/v1/models/{model}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    PredictRequests.PredictResponse predict(@PathVariable String model, @RequestParam(required = false) String version,
            @RequestHeader(value = "X-Request-Key", required = false) String requestKey, @RequestBody JsonNode body) {
        return requests.answer(model, version, requestKey, JsonRows.value(body));
    }
}

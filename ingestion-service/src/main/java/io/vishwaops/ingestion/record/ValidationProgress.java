package io.vishwaops.ingestion.record;

import io.vishwaops.ingestion.IngestionProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;

/** Asks validation-service how far it got with a batch. */
@Component
class ValidationProgress {

    private static final Logger log = LoggerFactory.getLogger(ValidationProgress.class);

    private final RestClient validation;

    ValidationProgress(IngestionProperties properties) {
        var requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.validationTimeout());
        requests.setReadTimeout(properties.validationTimeout());
        this.validation = RestClient.builder().baseUrl(properties.validationUrl().toString())
                .requestFactory(requests).build();
    }

    BatchStatus judged(BatchStatus received) {
        try {
            JsonNode outcome = validation.get().uri("/api/v1/validation/batches/{id}", received.batchId())
                    .exchange((request, response) -> response.getStatusCode().value() == 404 ? null
                            : response.getStatusCode().is2xxSuccessful() ? response.bodyTo(JsonNode.class)
                                    : fail(response.getStatusCode()));
            long valid = outcome == null ? 0 : outcome.get("valid").asLong();
            long quarantined = outcome == null ? 0 : outcome.get("quarantined").asLong();
            String status = valid + quarantined >= received.received() ? "complete" : "validating";
            return new BatchStatus(received.batchId(), received.dataset(), received.source(), received.schemaVersion(),
                    received.received(), valid, quarantined, status, received.receivedAt());
        }
        catch (RestClientException ex) {
            log.warn("Validation counts of batch {} unavailable: {}", received.batchId(), ex.getMessage());
            return received;
        }
    }

    private static JsonNode fail(HttpStatusCode status) {
        throw new RestClientException("validation answered " + status);
    }
}

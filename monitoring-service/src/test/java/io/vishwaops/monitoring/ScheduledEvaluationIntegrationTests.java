package io.vishwaops.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.testsupport.HttpProbe;
import io.vishwaops.testsupport.KafkaProbe;
import io.vishwaops.testsupport.ServiceIntegrationTest;
import io.vishwaops.testsupport.SharedInfrastructure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody asks: the service's own rounds find the drift and close the loop. An instance of its own (schema and
 * consumer group), so its windows do not compete with the other tests' instance for the same predictions.
 */
@ServiceIntegrationTest
class ScheduledEvaluationIntegrationTests {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("vops.monitoring.registry-url", TestRegistry::url);
        registry.add("vops.monitoring.window.size", () -> StudentModel.rows().size());
        registry.add("vops.monitoring.evaluation-interval", () -> "1s");
        registry.add("spring.kafka.consumer.group-id", () -> "monitoring-scheduled-test");
        registry.add("spring.flyway.schemas", () -> "monitoring_scheduled");
        registry.add("spring.flyway.default-schema", () -> "monitoring_scheduled");
        registry.add("spring.datasource.hikari.schema", () -> "monitoring_scheduled");
    }

    @Autowired
    JsonMapper json;

    @Test
    void theServicesOwnRoundsRaiseTheAlertAndAskForRetraining(@LocalServerPort int port) {
        String model = "scheduled-" + UUID.randomUUID().toString().substring(0, 8);
        ModelBundle bundle = StudentModel.bundle(Map.of("accuracy", 0.9));
        String version = TestRegistry.register(model, bundle);
        assertThat(HttpProbe.localhost(port).put("/api/v1/monitoring/models/" + model + "/policy",
                "{\"driftShare\":0.05,\"retraining\":{\"minSamples\":300}}").statusCode()).isEqualTo(200);

        List<String> events = new ArrayList<>();
        for (Map<String, Object> row : StudentModel.shifted()) {
            var answer = bundle.predict(row);
            events.add(json.writeValueAsString(new EventEnvelope<>(UUID.randomUUID(), "prediction.made", Instant.now(), 1,
                    "/vops/serving-service", model, new PredictionMade(UUID.randomUUID(), model, version, row,
                    answer.value(), answer.probabilities(), false, Instant.now(), null))));
        }
        KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());
        kafka.sendAll(Topics.PREDICTIONS, model, events);

        assertThat(kafka.awaitContaining(Topics.MONITORING_ALERTS, "\"" + model + "\"", 1, Duration.ofSeconds(90)))
                .as("DriftDetected").hasSize(1).allSatisfy(alert -> assertThat(alert).contains("drift.detected"));
        assertThat(kafka.awaitContaining(Topics.RETRAINING_REQUESTS, "\"" + model + "\"", 1, Duration.ofSeconds(30)))
                .as("RetrainingRequested").hasSize(1)
                .allSatisfy(request -> assertThat(request).contains("\"pipeline\":\"" + StudentModel.PIPELINE + "\""));
    }
}

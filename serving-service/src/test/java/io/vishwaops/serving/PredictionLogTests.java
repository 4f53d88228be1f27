package io.vishwaops.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.serving.logging.PredictionLog;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class PredictionLogTests {

    @Test
    void aFullBufferDropsAndCountsPredictionsWithoutBlockingTheCaller() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CountDownLatch kafkaStuck = new CountDownLatch(1);
        try (PredictionLog log = new PredictionLog(batch -> {
            try {
                kafkaStuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 5, 1, meters)) {
            for (int i = 0; i < 50; i++) {
                log.record(new PredictionMade(UUID.randomUUID(), "m", "1", Map.of("x", i), "high", Map.of(), false,
                        Instant.now(), 1.5));
            }
            double dropped = meters.get("vops.serving.predictions.dropped").counter().count();
            // the sender holds at most one, the buffer five: the rest were dropped, and record() returned each time
            assertThat(dropped).isBetween(44.0, 45.0);
            kafkaStuck.countDown();
        }
    }

    @Test
    void aPredictionLoggedBeforeLatencyWasRecordedStillReads() {
        String written = """
                {"predictionId": "0195e3f1-8a35-7c90-a7d4-2f4b6d8e0a99", "model": "student-pass", "version": "4",
                 "inputs": {"age": 17}, "prediction": "pass", "probabilities": {"pass": 0.87, "fail": 0.13},
                 "shadow": false, "predictedAt": "2026-03-14T11:02:17.664Z"}""";
        PredictionMade old = JsonMapper.builder().build().readValue(written, PredictionMade.class);
        assertThat(old.prediction()).isEqualTo("pass");
        assertThat(old.latencyMs()).isNull();
    }
}

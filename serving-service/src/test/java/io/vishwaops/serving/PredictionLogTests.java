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
                        Instant.now()));
            }
            double dropped = meters.get("vops.serving.predictions.dropped").counter().count();
            // the sender holds at most one, the buffer five: the rest were dropped, and record() returned each time
            assertThat(dropped).isBetween(44.0, 45.0);
            kafkaStuck.countDown();
        }
    }
}

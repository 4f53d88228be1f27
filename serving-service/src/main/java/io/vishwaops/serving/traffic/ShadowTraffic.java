package io.vishwaops.serving.traffic;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.mlcore.bundle.Prediction;
import io.vishwaops.serving.ServingProperties;
import io.vishwaops.serving.logging.PredictionLog;
import io.vishwaops.serving.model.ServedModel;

import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Scores a mirrored copy of a request with the shadow version, after the caller's answer is on its way and on
 * another thread, so the caller never waits for it and never sees it. The answers go to the prediction log with
 * {@code shadow=true}. At most {@code vops.serving.shadow-concurrency} run at once; beyond that a copy is skipped
 * and counted, never queued.
 */
@Component
public class ShadowTraffic implements DisposableBean {

    private final PredictionLog log;
    private final Semaphore running;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Counter skipped;
    private final Counter failed;
    private final LiveTraffic live;

    ShadowTraffic(PredictionLog log, ServingProperties properties, MeterRegistry meters, LiveTraffic live) {
        this.log = log;
        this.live = live;
        this.running = new Semaphore(Math.max(1, properties.shadowConcurrency()));
        this.skipped = Counter.builder("vops.serving.shadow.skipped")
                .description("Mirrored requests not scored because too many were running").register(meters);
        this.failed = Counter.builder("vops.serving.shadow.failures")
                .description("Mirrored requests the shadow version could not score").register(meters);
    }

    public void mirror(ServedModel shadow, List<? extends Map<String, ?>> rows, List<UUID> predictionIds) {
        if (!running.tryAcquire()) {
            skipped.increment();
            return;
        }
        String requestId = MDC.get("requestId");
        executor.execute(() -> {
            if (requestId != null) {
                MDC.put("requestId", requestId);
            }
            long start = System.nanoTime();
            try {
                List<Prediction> answers = shadow.predict(rows);
                long nanos = System.nanoTime() - start;
                live.record(shadow.model(), shadow.version(), LiveTraffic.SHADOW, nanos, false);
                Instant now = Instant.now();
                Double latencyMs = nanos / 1e6;
                for (int i = 0; i < answers.size(); i++) {
                    Prediction p = answers.get(i);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> inputs = (Map<String, Object>) rows.get(i);
                    log.record(new PredictionMade(predictionIds.get(i), shadow.model(), shadow.version(), inputs,
                            p.value(), p.probabilities(), true, now, latencyMs));
                }
            } catch (RuntimeException e) {
                live.record(shadow.model(), shadow.version(), LiveTraffic.SHADOW, System.nanoTime() - start, true);
                failed.increment();
            } finally {
                MDC.remove("requestId");
                running.release();
            }
        });
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}

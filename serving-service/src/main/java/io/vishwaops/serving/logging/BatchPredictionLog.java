package io.vishwaops.serving.logging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.contracts.predictions.PredictionsMade;
import io.vishwaops.messaging.Events;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The predictions of batch jobs, on their way to {@code vops.predictions} in chunks like live ones, so monitoring sees what a
 * model scored offline too. Unlike a request, a job can wait: it hands Kafka one chunk at a time and waits until the
 * chunk is acknowledged, so it never runs ahead of the log and never fills the producer's memory that the live
 * prediction log shares. Each prediction's id is derived from the job and the row ({@link #predictionId}), so a job
 * run again after a restart logs the same ids and monitoring, which keeps one row per id, does not count them twice.
 */
@Component
public class BatchPredictionLog {

    private final KafkaTemplate<Object, Object> kafka;
    private final Events events;
    private final PredictionEnvelopes envelopes;
    private final Counter logged;
    private final Counter failed;

    BatchPredictionLog(KafkaTemplate<Object, Object> kafka, Events events, PredictionEnvelopes envelopes,
            MeterRegistry meters) {
        this.kafka = kafka;
        this.events = events;
        this.envelopes = envelopes;
        this.logged = Counter.builder("vops.serving.batch.predictions.logged")
                .description("Batch job predictions Kafka acknowledged on vops.predictions").register(meters);
        this.failed = Counter.builder("vops.serving.batch.predictions.unlogged")
                .description("Batch job predictions that could not be logged to vops.predictions").register(meters);
    }

    /** The id of the prediction a job made for a row: the same on every run of the job. */
    public static UUID predictionId(UUID job, long row) {
        return UUID.nameUUIDFromBytes((job + "/" + row).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a chunk's predictions, with the job id as their request id, and waits until Kafka has them all.
     *
     * @return {@code true} when every one was acknowledged; {@code false} (and the rest counted as unlogged) when
     *         Kafka refused one or gave no answer in {@code timeoutSeconds}
     */
    public boolean send(UUID job, List<PredictionMade> predictions, long timeoutSeconds) {
        if (predictions.isEmpty()) {
            return true;
        }
        String requestId = "batch-" + job;
        List<PredictionsMade.Logged> chunk = new ArrayList<>(predictions.size());
        for (PredictionMade prediction : predictions) {
            chunk.add(new PredictionsMade.Logged(requestId, prediction));
        }
        List<PredictionEnvelopes.Message> messages = envelopes.messages(events, chunk);
        List<CompletableFuture<?>> sent = new ArrayList<>(messages.size());
        for (PredictionEnvelopes.Message message : messages) {
            sent.add(kafka.send(message.record()));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(timeoutSeconds, TimeUnit.SECONDS);
            logged.increment(predictions.size());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.increment(predictions.size());
            return false;
        } catch (ExecutionException | TimeoutException e) {
            long acknowledged = 0;
            for (int i = 0; i < sent.size(); i++) {
                if (sent.get(i).isDone() && !sent.get(i).isCompletedExceptionally()) {
                    acknowledged += messages.get(i).predictions();
                }
            }
            logged.increment(acknowledged);
            failed.increment(predictions.size() - acknowledged);
            return false;
        }
    }

    /** Counts predictions a job did not try to log (after Kafka failed it once). */
    public void skipped(long count) {
        failed.increment(count);
    }
}

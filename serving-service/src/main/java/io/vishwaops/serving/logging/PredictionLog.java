package io.vishwaops.serving.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.contracts.predictions.PredictionsMade.Logged;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every prediction, on its way to {@code vops.predictions}. A request only offers its predictions to a bounded
 * buffer, which never blocks: when the buffer is full (Kafka slow or down) the prediction is dropped and counted in
 * {@code vops_serving_predictions_dropped_total}, and the caller still gets its answer. One thread drains the
 * buffer in batches into the sink, which hands them to the Kafka producer.
 */
public class PredictionLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PredictionLog.class);
    private static final long LINGER_MS = 20;

    private final ArrayBlockingQueue<Logged> buffer;
    private final Consumer<List<Logged>> sink;
    private final int batchSize;
    private final Counter dropped;
    private final Counter accepted;
    private final Thread drainer;
    private volatile boolean running = true;

    public PredictionLog(Consumer<List<Logged>> sink, int capacity, int batchSize, MeterRegistry meters) {
        this.buffer = new ArrayBlockingQueue<>(Math.max(1, capacity));
        this.sink = sink;
        this.batchSize = Math.max(1, batchSize);
        this.dropped = Counter.builder("vops.serving.predictions.dropped")
                .description("Predictions not logged to Kafka because the log buffer was full").register(meters);
        this.accepted = Counter.builder("vops.serving.predictions.logged")
                .description("Predictions taken into the log buffer").register(meters);
        Gauge.builder("vops.serving.prediction.log.buffered", buffer, ArrayBlockingQueue::size)
                .description("Predictions waiting in the log buffer").register(meters);
        this.drainer = Thread.ofPlatform().name("serving-prediction-log").daemon().start(this::drain);
    }

    /** Takes the prediction into the buffer, or drops it (counted) when the buffer is full; never blocks. */
    public void record(PredictionMade prediction) {
        if (buffer.offer(new Logged(MDC.get("requestId"), prediction))) {
            accepted.increment();
        } else {
            dropped.increment();
        }
    }

    private void drain() {
        List<Logged> batch = new ArrayList<>(batchSize);
        while (running || !buffer.isEmpty()) {
            try {
                Logged first = buffer.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (buffer.size() < batchSize - 1) {
                    // let 20 ms of predictions gather, so that under load a message carries hundreds of them (the
                    // log is asynchronous: nobody waits for it); the producer and the broker spend per message,
                    // so fewer, larger messages cost them less per prediction
                    Thread.sleep(LINGER_MS);
                }
                buffer.drainTo(batch, batchSize - 1);
                sink.accept(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("{} predictions could not be handed to Kafka: {}", batch.size(), e.getMessage());
            } finally {
                batch.clear();
            }
        }
    }

    /** Stops taking predictions and sends what is buffered, waiting up to a few seconds. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        drainer.join(5_000);
        drainer.interrupt();
    }
}

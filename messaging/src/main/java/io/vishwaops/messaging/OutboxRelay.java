package io.vishwaops.messaging;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends committed outbox events to Kafka, oldest first, and marks them sent once Kafka acknowledged
 * them. When Kafka is down the events wait in the table and go out when it is back. Rows are claimed
 * with {@code FOR UPDATE SKIP LOCKED}, so several replicas of a service can relay side by side.
 */
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<Object, Object> kafka;
    private final MessagingProperties properties;
    private final Semaphore wake = new Semaphore(0);
    private final Counter sent;
    private final Counter failures;
    private volatile boolean running;
    private Thread worker;

    OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, KafkaTemplate<Object, Object> kafka,
            MessagingProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.properties = properties;
        this.sent = Counter.builder("vops.outbox.sent").description("events relayed from the outbox to Kafka")
                .register(meters);
        this.failures = Counter.builder("vops.outbox.failures").description("outbox relay rounds that failed")
                .register(meters);
    }

    void wakeUp() {
        wake.release();
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().daemon().name("outbox-relay").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wake.release();
        if (worker != null) {
            try {
                // A round stuck on a dead database or broker must not hold up shutdown; what it had not
                // marked sent is sent again at the next start.
                if (!worker.join(Duration.ofSeconds(5))) {
                    worker.interrupt();
                    worker.join(Duration.ofSeconds(2));
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        long lastCleanup = 0;
        Duration backoff = properties.relayInterval();
        while (running) {
            try {
                int relayed = relayOnce();
                backoff = properties.relayInterval();
                if (System.currentTimeMillis() - lastCleanup > Duration.ofMinutes(10).toMillis()) {
                    cleanup();
                    lastCleanup = System.currentTimeMillis();
                }
                if (relayed >= properties.relayBatchSize()) {
                    continue;
                }
            }
            catch (RuntimeException ex) {
                failures.increment();
                log.warn("Outbox relay round failed, retrying in {}: {}", backoff, ex.getMessage());
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                        : backoff.multipliedBy(2);
            }
            try {
                wake.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Sends one batch; returns how many events went out. */
    int relayOnce() {
        Integer count = tx.execute(status -> {
            List<Pending> batch = jdbc.sql("""
                    select id, event_id, topic, message_key, event_type, payload, created_at, request_id from outbox_event
                    where published_at is null order by id limit :limit for update skip locked""")
                    .param("limit", properties.relayBatchSize())
                    .query((rs, n) -> new Pending(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                            rs.getString("topic"), rs.getString("message_key"), rs.getString("event_type"),
                            rs.getString("payload"), rs.getObject("created_at", OffsetDateTime.class),
                            rs.getString("request_id")))
                    .list();
            if (batch.isEmpty()) {
                return 0;
            }
            try {
                if (kafka.isTransactional()) {
                    // A service whose producer is transactional relays each batch as one Kafka transaction.
                    kafka.executeInTransaction(ops -> {
                        batch.forEach(event -> ops.send(event.toRecord()));
                        return null;
                    });
                }
                else {
                    List<CompletableFuture<?>> acks = new ArrayList<>(batch.size());
                    for (Pending event : batch) {
                        acks.add(kafka.send(event.toRecord()));
                    }
                    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                            .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            catch (Exception ex) {
                // Nothing is marked sent: the whole batch is retried, and consumers drop the duplicates.
                status.setRollbackOnly();
                throw new IllegalStateException("Kafka did not acknowledge " + batch.size() + " outbox events", ex);
            }
            jdbc.sql("update outbox_event set published_at = now(), attempts = attempts + 1 where id in (:ids)")
                    .param("ids", batch.stream().map(Pending::id).toList())
                    .update();
            return batch.size();
        });
        int relayed = count == null ? 0 : count;
        sent.increment(relayed);
        return relayed;
    }

    private void cleanup() {
        jdbc.sql("delete from outbox_event where published_at < now() - make_interval(secs => :secs)")
                .param("secs", (double) properties.outboxRetention().toSeconds())
                .update();
    }

    private record Pending(long id, UUID eventId, String topic, String key, String type, String payload,
            OffsetDateTime createdAt, String requestId) {

        ProducerRecord<Object, Object> toRecord() {
            return Events.record(topic, key, payload, eventId, type, createdAt.toInstant(), requestId);
        }
    }
}

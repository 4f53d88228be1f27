package io.vishwaops.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.EventType;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.MDC;

/**
 * Makes the envelopes a service emits (its own {@code source}, a fresh {@code eventId}, the current schema
 * version of the type) and the Kafka records that carry them. The outbox uses it, and so do the stages that
 * publish straight to Kafka inside a Kafka transaction.
 */
public class Events {

    private final String source;
    private final Clock clock;

    public Events(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    public <T extends Record> EventEnvelope<T> envelope(String subject, T data) {
        EventType type = typeOf(data);
        return new EventEnvelope<>(UUID.randomUUID(), type.token(), clock.instant(), type.schemaVersion(), source,
                subject, data);
    }

    /** Header carrying the id of the HTTP request that caused the event, so one request can be followed. */
    public static final String REQUEST_ID_HEADER = "vops_request_id";

    /**
     * The envelope as a record for its type's topic, keyed by its subject, carrying the current request's id
     * when there is one.
     */
    public ProducerRecord<Object, Object> record(EventEnvelope<?> envelope) {
        EventType type = EventType.ofToken(envelope.type()).orElseThrow();
        return record(type.topic(), envelope.subject(), envelope, envelope.eventId(), envelope.type(),
                envelope.occurredAt(), currentRequestId());
    }

    /** The id of the request being served on this thread (put there by the caller-identity filter), or null. */
    static String currentRequestId() {
        return MDC.get("requestId");
    }

    static EventType typeOf(Record data) {
        return EventType.ofData(data.getClass())
                .orElseThrow(() -> new IllegalArgumentException("no event type for " + data.getClass().getName()));
    }

    /** A record with the CloudEvents Kafka binding's binary-mode attributes, readable without parsing the body. */
    static ProducerRecord<Object, Object> record(String topic, String key, Object value, UUID eventId, String type,
            Instant time, String requestId) {
        var record = new ProducerRecord<Object, Object>(topic, key, value);
        if (requestId != null) {
            record.headers().add(REQUEST_ID_HEADER, bytes(requestId));
        }
        record.headers().add("ce_specversion", bytes("1.0"));
        record.headers().add("ce_id", bytes(eventId.toString()));
        record.headers().add("ce_type", bytes(type));
        record.headers().add("ce_time", bytes(time.toString()));
        record.headers().add("content-type", bytes("application/json"));
        return record;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

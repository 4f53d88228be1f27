package io.vishwaops.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope of every event on a VishwaOps topic. Its attributes are those of a CloudEvent
 * ({@code id}, {@code type}, {@code time}, {@code source}, {@code subject}, {@code data}) under the
 * names the platform uses on the wire, plus {@code schemaVersion} of {@code data}. Producers also
 * copy the attributes into {@code ce_*} Kafka headers so that a CloudEvents consumer in binary mode
 * can read them without parsing the body.
 *
 * @param eventId unique per event; consumers are idempotent on it
 * @param type logical type token, one of {@link EventType#token()}, never a class name
 * @param occurredAt when the fact happened
 * @param schemaVersion version of the {@code data} schema; consumers dead-letter versions they do not know
 * @param source the service that produced the event, e.g. {@code /vops/ingestion-service}
 * @param subject what the event is about, e.g. a dataset name or a model name; also the Kafka key
 * @param data the payload
 */
public record EventEnvelope<T>(
        UUID eventId,
        String type,
        Instant occurredAt,
        int schemaVersion,
        String source,
        String subject,
        T data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(data, "data");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1, was " + schemaVersion);
        }
    }
}

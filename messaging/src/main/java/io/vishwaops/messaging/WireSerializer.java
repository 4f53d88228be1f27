package io.vishwaops.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.serialization.Serializer;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one value serializer of a service's producer: outbox payloads are already JSON text, a record
 * that failed deserialization is dead-lettered as the bytes it came as, and an event that failed in
 * its handler is dead-lettered as its JSON.
 */
final class WireSerializer implements Serializer<Object> {

    private final JsonMapper json;

    WireSerializer(JsonMapper json) {
        this.json = json;
    }

    @Override
    public byte[] serialize(String topic, Object value) {
        return switch (value) {
            case null -> null;
            case byte[] bytes -> bytes;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            default -> json.writeValueAsBytes(value);
        };
    }
}

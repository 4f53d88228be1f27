package io.vishwaops.messaging;

import io.vishwaops.contracts.EventEnvelope;

import org.apache.kafka.common.errors.SerializationException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads enveloped events in batch listeners, which take raw bytes so that one poison record does not stop the
 * batch: it reads as {@link PoisonEvent}, and the listener dead-letters it with {@link DeadLetters}.
 */
public class EventReader {

    private final EnvelopeDeserializer deserializer;

    EventReader(JsonMapper json) {
        this.deserializer = new EnvelopeDeserializer(json);
    }

    public EventEnvelope<?> read(String topic, byte[] value) {
        try {
            return deserializer.deserialize(topic, value);
        }
        catch (SerializationException ex) {
            throw new PoisonEvent(ex.getMessage(), ex);
        }
    }
}

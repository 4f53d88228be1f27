package io.vishwaops.messaging;

import java.util.ArrayList;
import java.util.List;

import io.vishwaops.contracts.EventEnvelope;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

import org.springframework.kafka.core.KafkaOperations;

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

    /** An event of a batch, with where it was read. */
    public record Delivery<T extends Record>(EventEnvelope<T> event, int partition, long offset) {
    }

    /**
     * The events of {@code type} in a poll; each record that is not one (unreadable, or another type) is sent to
     * its dead-letter topic through {@code deadLetters}, in the caller's transaction if there is one.
     */
    @SuppressWarnings("unchecked")
    public <T extends Record> List<Delivery<T>> readAll(List<ConsumerRecord<String, byte[]>> records, Class<T> type,
            KafkaOperations<Object, Object> deadLetters) {
        List<Delivery<T>> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EventEnvelope<?> event = read(record.topic(), record.value());
                if (type.isInstance(event.data())) {
                    events.add(new Delivery<>((EventEnvelope<T>) event, record.partition(), record.offset()));
                }
                else {
                    DeadLetters.send(deadLetters, record, "unexpected event type " + event.type() + " on " + record.topic());
                }
            }
            catch (PoisonEvent ex) {
                DeadLetters.send(deadLetters, record, ex.getMessage());
            }
        }
        return events;
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

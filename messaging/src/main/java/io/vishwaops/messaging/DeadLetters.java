package io.vishwaops.messaging;

import java.nio.charset.StandardCharsets;

import io.vishwaops.contracts.Topics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaOperations;

/**
 * Sends a record no handler can accept to {@code <topic>.DLT}, as the bytes it came as, with the reason and
 * where it came from in headers (the same header names Spring Kafka's recoverer uses). Called inside the
 * listener's Kafka transaction, so the record is dead-lettered exactly when its batch commits.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static void send(KafkaOperations<Object, Object> kafka, ConsumerRecord<String, byte[]> record, String reason) {
        var dead = new ProducerRecord<Object, Object>(Topics.deadLetter(record.topic()), record.key(), record.value());
        record.headers().forEach(header -> dead.headers().add(header));
        dead.headers().add("kafka_dlt-original-topic", bytes(record.topic()));
        dead.headers().add("kafka_dlt-original-partition", bytes(String.valueOf(record.partition())));
        dead.headers().add("kafka_dlt-original-offset", bytes(String.valueOf(record.offset())));
        dead.headers().add("kafka_dlt-exception-message", bytes(reason));
        kafka.send(dead);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

package io.vishwaops.validation.record.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.EventType;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.contracts.records.RecordsIngested;
import io.vishwaops.messaging.DeadLetters;
import io.vishwaops.messaging.EventReader;
import io.vishwaops.messaging.EventReader.Delivery;
import io.vishwaops.messaging.PoisonEvent;
import io.vishwaops.validation.record.RecordValidation;
import io.vishwaops.validation.schema.DatasetSchemas;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * A poll of ingested records per Kafka transaction, many to a message as ingestion sends them
 * ({@code records.ingested}, read in one streaming pass that keeps each record's values' text) or one
 * ({@code record.ingested}); a message that cannot be read, a whole chunk, is dead-lettered in that transaction. One
 * consumer per partition up to {@code vops.validation.consumers}, each with its own polls and transactions.
 */
@Component
class IngestedRecordsListener {

    private final RecordValidation validation;
    private final EventReader reader;
    private final IngestedChunks chunks;
    private final KafkaTemplate<Object, Object> kafka;

    IngestedRecordsListener(RecordValidation validation, EventReader reader, JsonMapper json,
            KafkaTemplate<Object, Object> kafka, DatasetSchemas schemas) {
        this.validation = validation;
        this.reader = reader;
        this.chunks = new IngestedChunks(json, schemas::columns);
        this.kafka = kafka;
    }

    @KafkaListener(id = "validation-ingested-records", topics = Topics.RECORDS_INGESTED,
            containerFactory = "vopsTransactionalBatchFactory", concurrency = "${vops.validation.consumers:3}")
    @SuppressWarnings("unchecked")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<Delivery<RecordIngested>> deliveries = new ArrayList<>(records.size());
        Map<ConsumerRecord<String, byte[]>, String> poison = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                IngestedChunks.Chunk read = chunks.read(record.topic(), record.value());
                if (read != null) {
                    for (RecordIngested one : read.records()) {
                        deliveries.add(new Delivery<>(new EventEnvelope<>(read.eventId(),
                                EventType.RECORD_INGESTED.token(), read.occurredAt(),
                                EventType.RECORD_INGESTED.schemaVersion(), read.source(), read.subject(), one),
                                record.partition(), record.offset()));
                    }
                    continue;
                }
                EventEnvelope<?> event = reader.read(record.topic(), record.value());
                switch (event.data()) {
                    // each record of a message is an occurrence of its own (its batch and row), read where the
                    // message was: a redelivered message is judged again, a copy at another offset dropped
                    case RecordsIngested chunk -> chunk.records().forEach(one -> deliveries.add(new Delivery<>(
                            new EventEnvelope<>(event.eventId(), EventType.RECORD_INGESTED.token(), event.occurredAt(),
                                    EventType.RECORD_INGESTED.schemaVersion(), event.source(), event.subject(), one),
                            record.partition(), record.offset())));
                    case RecordIngested one -> deliveries.add(new Delivery<>((EventEnvelope<RecordIngested>) event,
                            record.partition(), record.offset()));
                    default -> poison.put(record, "unexpected event type " + event.type() + " on " + record.topic());
                }
            }
            catch (PoisonEvent ex) {
                poison.put(record, ex.getMessage());
            }
        }
        // dead letters after the verdicts: a poll that fails is retried within the same transaction, and a failed
        // attempt must have sent nothing
        validation.validate(deliveries).forEach(kafka::send);
        poison.forEach((record, reason) -> DeadLetters.send(kafka, record, reason));
    }
}

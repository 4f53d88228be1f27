package io.vishwaops.validation.record.messaging;

import java.util.List;

import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.messaging.EventReader;
import io.vishwaops.validation.record.RecordValidation;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * A poll of ingested records per Kafka transaction; what cannot be read is dead-lettered in that transaction. One
 * consumer per partition up to {@code vops.validation.consumers}, each with its own polls and transactions.
 */
@Component
class IngestedRecordsListener {

    private final RecordValidation validation;
    private final EventReader reader;
    private final KafkaTemplate<Object, Object> kafka;

    IngestedRecordsListener(RecordValidation validation, EventReader reader, KafkaTemplate<Object, Object> kafka) {
        this.validation = validation;
        this.reader = reader;
        this.kafka = kafka;
    }

    @KafkaListener(id = "validation-ingested-records", topics = Topics.RECORDS_INGESTED,
            containerFactory = "vopsTransactionalBatchFactory", concurrency = "${vops.validation.consumers:3}")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        validation.validate(reader.readAll(records, RecordIngested.class, kafka), kafka);
    }
}

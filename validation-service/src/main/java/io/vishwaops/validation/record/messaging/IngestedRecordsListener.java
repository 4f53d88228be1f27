package io.vishwaops.validation.record.messaging;

import java.util.ArrayList;
import java.util.List;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.messaging.DeadLetters;
import io.vishwaops.messaging.EventReader;
import io.vishwaops.messaging.PoisonEvent;
import io.vishwaops.validation.record.RecordValidation;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** A poll of ingested records per Kafka transaction; what cannot be read is dead-lettered in that transaction. */
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
            containerFactory = "vopsTransactionalBatchFactory")
    @SuppressWarnings("unchecked")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<RecordValidation.Delivery> ingested = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EventEnvelope<?> event = reader.read(record.topic(), record.value());
                if (event.data() instanceof RecordIngested) {
                    ingested.add(new RecordValidation.Delivery((EventEnvelope<RecordIngested>) event,
                            record.partition(), record.offset()));
                }
                else {
                    DeadLetters.send(kafka, record, "unexpected event type " + event.type() + " on " + record.topic());
                }
            }
            catch (PoisonEvent ex) {
                DeadLetters.send(kafka, record, ex.getMessage());
            }
        }
        validation.validate(ingested, kafka);
    }
}

package io.vishwaops.feature.offline.messaging;

import java.util.ArrayList;
import java.util.List;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.records.RecordValidated;
import io.vishwaops.feature.offline.OfflineStore;
import io.vishwaops.messaging.DeadLetters;
import io.vishwaops.messaging.EventReader;
import io.vishwaops.messaging.PoisonEvent;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Validated records, a poll at a time, into the offline store; what cannot be read is dead-lettered. */
@Component
class ValidatedRecordsListener {

    private final OfflineStore store;
    private final EventReader reader;
    private final KafkaTemplate<Object, Object> kafka;

    ValidatedRecordsListener(OfflineStore store, EventReader reader, KafkaTemplate<Object, Object> kafka) {
        this.store = store;
        this.reader = reader;
        this.kafka = kafka;
    }

    @KafkaListener(id = "features-validated-records", topics = Topics.RECORDS_VALIDATED,
            containerFactory = "vopsBatchFactory")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<RecordValidated> validated = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EventEnvelope<?> event = reader.read(record.topic(), record.value());
                if (event.data() instanceof RecordValidated data) {
                    validated.add(data);
                }
                else {
                    DeadLetters.send(kafka, record, "unexpected event type " + event.type() + " on " + record.topic());
                }
            }
            catch (PoisonEvent ex) {
                DeadLetters.send(kafka, record, ex.getMessage());
            }
        }
        store.storeAll(validated);
    }
}

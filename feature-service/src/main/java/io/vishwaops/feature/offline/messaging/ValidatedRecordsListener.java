package io.vishwaops.feature.offline.messaging;

import java.util.List;

import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.records.RecordValidated;
import io.vishwaops.feature.offline.OfflineStore;
import io.vishwaops.messaging.EventReader;

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
        store.storeAll(reader.readAll(records, RecordValidated.class, kafka).stream().map(d -> d.event().data()).toList());
    }
}

package io.vishwaops.feature.offline.messaging;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.records.RecordValidated;
import io.vishwaops.feature.offline.OfflineStore;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class ValidatedRecordsListener {

    private final OfflineStore store;

    ValidatedRecordsListener(OfflineStore store) {
        this.store = store;
    }

    @KafkaListener(id = "features-validated-records", topics = Topics.RECORDS_VALIDATED)
    void on(EventEnvelope<RecordValidated> event) {
        store.store(event);
    }
}

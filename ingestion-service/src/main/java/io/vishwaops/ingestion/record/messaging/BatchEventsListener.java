package io.vishwaops.ingestion.record.messaging;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.records.QuarantineReleased;
import io.vishwaops.contracts.records.RecordsChecked;
import io.vishwaops.contracts.records.RecordsReceived;
import io.vishwaops.ingestion.record.BatchLedger;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class BatchEventsListener {

    private final BatchLedger ledger;

    BatchEventsListener(BatchLedger ledger) {
        this.ledger = ledger;
    }

    @KafkaListener(id = "ingestion-batch-events", topics = Topics.DATASET_EVENTS)
    @SuppressWarnings("unchecked")
    void on(EventEnvelope<?> event) {
        switch (event.data()) {
            case RecordsReceived ignored -> ledger.received((EventEnvelope<RecordsReceived>) event);
            case RecordsChecked ignored -> ledger.checked((EventEnvelope<RecordsChecked>) event);
            case QuarantineReleased ignored -> ledger.released((EventEnvelope<QuarantineReleased>) event);
            default -> {
                // dataset definitions and snapshots are not batch accounting
            }
        }
    }
}

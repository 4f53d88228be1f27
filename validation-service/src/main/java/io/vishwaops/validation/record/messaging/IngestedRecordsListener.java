package io.vishwaops.validation.record.messaging;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.validation.record.RecordValidation;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class IngestedRecordsListener {

    private final RecordValidation validation;

    IngestedRecordsListener(RecordValidation validation) {
        this.validation = validation;
    }

    @KafkaListener(id = "validation-ingested-records", topics = Topics.RECORDS_INGESTED)
    void on(EventEnvelope<RecordIngested> event) {
        validation.validate(event);
    }
}

package io.vishwaops.validation.schema.messaging;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.datasets.DatasetDefined;
import io.vishwaops.validation.schema.DatasetSchemas;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class DatasetEventsListener {

    private final DatasetSchemas schemas;

    DatasetEventsListener(DatasetSchemas schemas) {
        this.schemas = schemas;
    }

    /** Other dataset events (snapshots) are not validation's concern. */
    @KafkaListener(id = "validation-dataset-events", topics = Topics.DATASET_EVENTS)
    @SuppressWarnings("unchecked")
    void on(EventEnvelope<?> event) {
        if (event.data() instanceof DatasetDefined) {
            schemas.defined((EventEnvelope<DatasetDefined>) event);
        }
    }
}

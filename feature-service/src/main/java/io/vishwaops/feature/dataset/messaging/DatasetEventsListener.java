package io.vishwaops.feature.dataset.messaging;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.datasets.DatasetDefined;
import io.vishwaops.feature.dataset.DatasetSchemas;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps every dataset schema version. The topic also carries batch counts and this service's own snapshots, which
 * are not its concern; storing a version is idempotent, so no inbox is needed.
 */
@Component
class DatasetEventsListener {

    private final DatasetSchemas schemas;

    DatasetEventsListener(DatasetSchemas schemas) {
        this.schemas = schemas;
    }

    @KafkaListener(id = "features-dataset-events", topics = Topics.DATASET_EVENTS)
    void on(EventEnvelope<?> event) {
        if (event.data() instanceof DatasetDefined defined) {
            schemas.defined(defined);
        }
    }
}

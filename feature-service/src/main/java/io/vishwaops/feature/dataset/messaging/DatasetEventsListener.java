package io.vishwaops.feature.dataset.messaging;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.datasets.DatasetDefined;
import io.vishwaops.feature.dataset.DatasetSchemas;
import io.vishwaops.feature.offline.OfflineStore;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps every dataset schema version. The topic also carries batch counts and this service's own snapshots, which
 * are not its concern; storing a version is idempotent, so no inbox is needed.
 */
@Component
class DatasetEventsListener {

    private final DatasetSchemas schemas;
    private final OfflineStore offline;

    DatasetEventsListener(DatasetSchemas schemas, OfflineStore offline) {
        this.schemas = schemas;
        this.offline = offline;
    }

    @KafkaListener(id = "features-dataset-events", topics = Topics.DATASET_EVENTS)
    void on(EventEnvelope<?> event) {
        if (event.data() instanceof DatasetDefined defined) {
            if (schemas.defined(defined)) {
                // records that overtook their dataset's definition can now be placed for lookups and as-of joins
                offline.placeUnplaced(defined.dataset());
            }
        }
    }
}

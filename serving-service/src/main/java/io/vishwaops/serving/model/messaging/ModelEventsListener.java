package io.vishwaops.serving.model.messaging;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.models.ModelAliasChanged;
import io.vishwaops.serving.model.ModelCatalog;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows alias moves. Every serving instance must see every move, so each reads the topic in a consumer group of
 * its own, from the end: what it serves at start comes from the registry, not from history. Handling a move looks
 * the alias up in the registry and loads what it points at now, so a duplicate or an overtaken event changes
 * nothing. The topic's other events (versions registered, archived) are not serving's concern.
 */
@Component
class ModelEventsListener {

    private final ModelCatalog catalog;

    ModelEventsListener(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @KafkaListener(id = "serving-model-events", topics = Topics.MODEL_EVENTS,
            groupId = "serving-models-#{T(java.util.UUID).randomUUID()}", properties = "auto.offset.reset=latest")
    void on(EventEnvelope<?> event) {
        if (event.data() instanceof ModelAliasChanged change) {
            catalog.aliasChanged(change);
        }
    }
}

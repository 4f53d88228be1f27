package io.vishwaops.feature.online;

import java.time.Duration;
import java.time.Instant;

import io.vishwaops.problems.NotFound;

/** No vector of the entity is in the online store, or the one there is older than the dataset's time to live. */
class EntityNotFound extends NotFound {

    private final String message;

    EntityNotFound(String dataset, String entityId) {
        super("entity", entityId);
        this.message = "entity '" + entityId + "' of dataset '" + dataset + "' has no features in the online store";
    }

    EntityNotFound(String dataset, String entityId, Instant asOf, Duration ttl) {
        super("entity", entityId);
        this.message = "entity '" + entityId + "' of dataset '" + dataset + "' has expired features: its newest "
                + "values are from " + asOf + ", older than the dataset's time to live " + ttl;
    }

    @Override
    public String getMessage() {
        return message;
    }
}

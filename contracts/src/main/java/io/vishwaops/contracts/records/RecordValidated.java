package io.vishwaops.contracts.records;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A record passed validation and may be stored as features. Keyed by dataset.
 *
 * @param schemaVersion the dataset schema version the record was checked against (0 before datasets have schemas)
 */
public record RecordValidated(String dataset, UUID recordId, UUID batchId, Map<String, Object> values,
        Instant receivedAt, Instant validatedAt, int schemaVersion) {
}

package io.vishwaops.contracts.records;

import java.time.Instant;
import java.util.UUID;

/**
 * Quarantined records of a batch were judged again (after the dataset's schema was fixed) and {@code released}
 * of them went on to {@code vops.records.validated}, in the same Kafka transaction. Keyed by dataset.
 *
 * @param schemaVersion the schema version they were judged against this time
 * @param stillQuarantined how many of the batch's records remain in quarantine
 */
public record QuarantineReleased(UUID batchId, String dataset, int schemaVersion, long released,
        long stillQuarantined, String releasedBy, Instant releasedAt) {
}

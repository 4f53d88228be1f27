package io.vishwaops.contracts.records;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Validation judged some records of an ingestion batch: written to validation's outbox in the database transaction
 * that stores their verdicts, counting each record occurrence the first time its verdict is stored, so the sum over
 * these events is exact however often Kafka delivers the records. Keyed by dataset.
 *
 * @param violationsByRule how many violations of each rule the quarantined records among them had
 */
public record RecordsChecked(UUID batchId, String dataset, long valid, long quarantined,
        Map<String, Long> violationsByRule, Instant checkedAt) {
}

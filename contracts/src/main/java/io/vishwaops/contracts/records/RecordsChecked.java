package io.vishwaops.contracts.records;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Validation judged some records of an ingestion batch: published in the same Kafka transaction as their
 * verdicts, so the sum over these events is exact. Keyed by dataset.
 *
 * @param violationsByRule how many violations of each rule the quarantined records among them had
 */
public record RecordsChecked(UUID batchId, String dataset, long valid, long quarantined,
        Map<String, Long> violationsByRule, Instant checkedAt) {
}

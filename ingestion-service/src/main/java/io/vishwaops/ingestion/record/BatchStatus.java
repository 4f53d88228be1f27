package io.vishwaops.ingestion.record;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Where a batch stands.
 *
 * @param received records that reached Kafka
 * @param valid records validation accepted so far
 * @param quarantined records validation refused so far
 * @param violationsByRule violations of the quarantined records, by rule
 * @param status {@code receiving} until the last chunk is in, {@code validating} until every record is judged
 *        (valid + quarantined = received), then {@code complete}
 */
public record BatchStatus(UUID batchId, String dataset, String source, Integer schemaVersion, long received,
        long valid, long quarantined, Map<String, Long> violationsByRule, String status, Instant receivedAt) {
}

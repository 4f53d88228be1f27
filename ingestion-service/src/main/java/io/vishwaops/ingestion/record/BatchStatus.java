package io.vishwaops.ingestion.record;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a batch stands: what ingestion received, and what validation made of it so far.
 *
 * @param valid records validation accepted, or {@code null} when validation could not be asked
 * @param quarantined records validation refused, or {@code null} when validation could not be asked
 * @param status {@code validating} until valid + quarantined = received, then {@code complete};
 *        {@code unknown} when validation could not be asked
 */
public record BatchStatus(UUID batchId, String dataset, String source, Integer schemaVersion, long received,
        Long valid, Long quarantined, String status, Instant receivedAt) {
}

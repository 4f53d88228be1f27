package io.vishwaops.ingestion.record;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What ingestion accepted in one batch; the record ids (the first 10,000) are how the records are found again
 * downstream.
 */
public record IngestionReceipt(UUID batchId, String dataset, String source, long accepted, List<UUID> recordIds,
        Instant receivedAt) {
}

package io.vishwaops.contracts.datasets;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An immutable, content-addressed snapshot of a dataset was made. Keyed by dataset.
 *
 * @param sha256 hex sha-256 over the canonical rows
 * @param eventTimeCutoff rows with an event time after it are excluded, or {@code null} for all rows
 * @param batchIds the ingestion batches whose records the snapshot holds
 */
public record SnapshotCreated(UUID snapshotId, String dataset, String sha256, long rowCount, int schemaVersion,
        Instant eventTimeCutoff, List<UUID> batchIds, Instant createdAt) {
}

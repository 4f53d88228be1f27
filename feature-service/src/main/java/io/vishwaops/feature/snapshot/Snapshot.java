package io.vishwaops.feature.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An immutable version of a dataset.
 *
 * @param sha256 hex sha-256 of the canonical rows in record id order (see {@link CanonicalRow}): the same records
 *        give the same hash, whatever order and batches they arrived in
 * @param schemaVersion the dataset's schema version when the snapshot was made; its columns come first
 * @param eventTimeCutoff rows whose event time is after it (or missing) were left out; {@code null}: none were
 * @param batchIds the ingestion batches whose records it holds
 * @param columns the columns of its rows, as exported
 * @param profile one profile per column, in the order of {@code columns}
 * @param derivedFeatures the derived features evaluated into its rows (and hashed and profiled with them), by name
 */
public record Snapshot(UUID id, String dataset, String sha256, long rowCount, int schemaVersion,
        Instant eventTimeCutoff, List<UUID> batchIds, List<String> columns, List<ColumnProfile> profile,
        List<Derived> derivedFeatures, Instant createdAt) {

    /** A derived feature as a snapshot recorded it: enough to evaluate it again the same way. */
    public record Derived(String name, String expression, String type) {
    }

    public Summary summary() {
        return new Summary(id, dataset, sha256, rowCount, schemaVersion, eventTimeCutoff, createdAt);
    }

    /** A snapshot without its profile and lineage, for lists. */
    public record Summary(UUID id, String dataset, String sha256, long rowCount, int schemaVersion,
            Instant eventTimeCutoff, Instant createdAt) {
    }
}

package io.vishwaops.training.dataset;

import java.util.List;
import java.util.UUID;

/** What training reads of a feature-service snapshot: which data it is and its lineage. */
public record SnapshotInfo(UUID id, String dataset, String sha256, long rowCount, int schemaVersion,
        List<UUID> batchIds, List<String> columns) {

    public SnapshotInfo {
        batchIds = batchIds == null ? List.of() : batchIds;
        columns = columns == null ? List.of() : columns;
    }
}

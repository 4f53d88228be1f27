package io.vishwaops.feature.offline;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A validated record as the offline store holds it. */
public record StoredRecord(String dataset, UUID recordId, UUID batchId, Map<String, Object> values,
        Instant receivedAt, Instant validatedAt, Instant storedAt) {
}

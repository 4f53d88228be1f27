package io.vishwaops.validation.batch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.records.Violation;

/** A quarantined record, with every reason. */
public record QuarantinedRecord(UUID batchId, long row, UUID recordId, Map<String, Object> values,
        List<Violation> violations, Instant checkedAt) {
}

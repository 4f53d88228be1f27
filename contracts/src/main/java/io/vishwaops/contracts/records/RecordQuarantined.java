package io.vishwaops.contracts.records;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A record failed validation; it is kept with its reasons so it can be fixed and replayed. Keyed by dataset. */
public record RecordQuarantined(String dataset, UUID recordId, UUID batchId, Map<String, Object> values,
        List<Violation> violations, Instant quarantinedAt) {
}

package io.vishwaops.validation.batch;

import java.util.Map;
import java.util.UUID;

/**
 * How validation judged a batch so far.
 *
 * @param checked records validated so far
 * @param violationsByRule how many violations of each rule the quarantined records had
 */
public record BatchOutcome(UUID batchId, String dataset, long checked, long valid, long quarantined,
        Map<String, Long> violationsByRule) {
}

package io.vishwaops.contracts.monitoring;

import java.time.Instant;
import java.util.UUID;

/**
 * Monitoring asks training to retrain a pipeline. Keyed by pipeline.
 *
 * @param trigger what caused it: {@code drift}, {@code performance}, {@code schedule}, {@code snapshot} or {@code manual}
 * @param cause the id of the alert or event that led to it, if any
 */
public record RetrainingRequested(UUID requestId, String pipeline, String model, String trigger, UUID cause,
        Instant requestedAt) {
}

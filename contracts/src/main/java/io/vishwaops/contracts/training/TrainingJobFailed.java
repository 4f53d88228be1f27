package io.vishwaops.contracts.training;

import java.time.Instant;
import java.util.UUID;

/** A training job failed; {@code reason} says why. Keyed by pipeline. */
public record TrainingJobFailed(UUID jobId, String pipeline, String reason, Instant failedAt) {
}

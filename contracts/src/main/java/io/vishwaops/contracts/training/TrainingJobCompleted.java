package io.vishwaops.contracts.training;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A training job finished and its best candidate was registered. Keyed by pipeline.
 *
 * @param bestAlgorithm the winning candidate, e.g. {@code random-forest}
 * @param testMetrics the winner's metrics on the held-out test set
 * @param registeredModel the registered model the winner was added to
 * @param modelVersion the version number it was given
 */
public record TrainingJobCompleted(UUID jobId, String pipeline, UUID snapshotId, String bestAlgorithm,
        Map<String, Double> testMetrics, String registeredModel, String modelVersion, Instant completedAt) {
}

package io.vishwaops.contracts.models;

import java.time.Instant;

/**
 * A new, immutable model version was registered. Keyed by model name.
 *
 * @param version the version number, as a string as in MLflow
 * @param runId the tracking run that produced it
 * @param snapshotSha256 the hash of the dataset snapshot it was trained on
 * @param artifactSha256 the hash of its model bundle
 */
public record ModelVersionRegistered(String model, String version, String runId, String snapshotSha256,
        String artifactSha256, Instant registeredAt) {
}

package io.vishwaops.contracts.models;

import java.time.Instant;

/**
 * A new, immutable model version was registered. Keyed by model name.
 *
 * @param version the version number, as a string as in MLflow
 * @param runId the tracking run that produced it, or {@code null} when it was registered from a bare source
 * @param snapshotSha256 the hash of the dataset snapshot it was trained on, or {@code null} when its run did
 *        not record one (e.g. a version registered by a plain MLflow client)
 * @param artifactSha256 the hash of its model bundle, or {@code null} when its source is not a single
 *        artifact stored in the registry
 */
public record ModelVersionRegistered(String model, String version, String runId, String snapshotSha256,
        String artifactSha256, Instant registeredAt) {
}

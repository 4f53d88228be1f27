package io.vishwaops.registry.artifact;

import java.time.Instant;

/**
 * A stored file of a run or a model version. The bytes are kept content-addressed under the artifact root;
 * {@code sha256} is checked against them on every download.
 */
public record Artifact(long artifactId, String ownerKind, String ownerId, String path, long sizeBytes, String sha256,
        String mediaType, String storedBy, Instant storedAt) {

    public static final String RUN = "run";
    public static final String MODEL_VERSION = "model-version";
}

package io.vishwaops.registry.model;

import java.util.List;
import java.util.Map;

/**
 * An immutable, numbered version of a registered model (MLflow's fields), plus what the registry knows
 * beyond MLflow: the resolved bundle artifact, its sha-256 and the snapshot the run trained on.
 */
public record ModelVersion(String name, String version, long creationTimestamp, long lastUpdatedTimestamp,
        String userId, String currentStage, String description, String source, String runId, String runLink,
        String status, Map<String, String> tags, List<String> aliases, String artifactUri, String artifactSha256,
        String snapshotSha256) {
}

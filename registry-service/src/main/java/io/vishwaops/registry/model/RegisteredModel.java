package io.vishwaops.registry.model;

import java.util.List;
import java.util.Map;

/** A registered model as MLflow describes it; {@code aliases} maps alias to version. */
public record RegisteredModel(String name, long creationTimestamp, long lastUpdatedTimestamp, String description,
        List<ModelVersion> latestVersions, Map<String, String> tags, Map<String, String> aliases) {
}

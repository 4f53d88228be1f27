package io.vishwaops.registry.experiment;

import java.util.Map;

/** An experiment as MLflow describes it; times in epoch milliseconds. */
public record Experiment(String experimentId, String name, String artifactLocation, String lifecycleStage,
        long creationTime, long lastUpdateTime, Map<String, String> tags) {

    public boolean active() {
        return "active".equals(lifecycleStage);
    }
}

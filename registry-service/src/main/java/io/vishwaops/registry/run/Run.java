package io.vishwaops.registry.run;

import java.util.List;
import java.util.Map;

/** A run as MLflow describes it: its info and its data (latest metric values, params, tags). */
public record Run(Info info, List<Metric> metrics, Map<String, String> params, Map<String, String> tags) {

    /** Times in epoch milliseconds; {@code endTime} null while running. */
    public record Info(String runId, String experimentId, String runName, String userId, String status,
            long startTime, Long endTime, String lifecycleStage, String artifactUri) {
    }

    public record Metric(String key, double value, long timestamp, long step) {
    }

    public record Param(String key, String value) {
    }

    public record Tag(String key, String value) {
    }
}

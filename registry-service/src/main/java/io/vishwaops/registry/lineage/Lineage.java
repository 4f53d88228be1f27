package io.vishwaops.registry.lineage;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.vishwaops.registry.model.ModelVersion;

/**
 * Where a model version came from, in one answer: version → run → pipeline spec → dataset snapshot →
 * ingestion batches. The registry knows the run's facts itself; the pipeline, snapshot and batches are what
 * training recorded on the run as tags ({@code vops.pipeline}, {@code vops.pipeline.sha256},
 * {@code vops.dataset}, {@code vops.snapshot.sha256}, {@code vops.ingestion.batches}, comma separated).
 */
public record Lineage(ModelRef model, RunRef run, PipelineRef pipeline, SnapshotRef snapshot,
        List<String> ingestionBatches) {

    public static final String PIPELINE_TAG = "vops.pipeline";
    public static final String PIPELINE_SHA_TAG = "vops.pipeline.sha256";
    public static final String DATASET_TAG = "vops.dataset";
    public static final String SNAPSHOT_TAG = "vops.snapshot.sha256";
    public static final String BATCHES_TAG = "vops.ingestion.batches";

    public record ModelRef(String name, String version, String stage, List<String> aliases, String source,
            String artifactUri, String artifactSha256) {
    }

    public record RunRef(String runId, String experimentId, String runName, String status, String userId,
            long startTime, Long endTime, Map<String, String> params, Map<String, Double> metrics) {
    }

    public record PipelineRef(String name, String sha256) {
    }

    public record SnapshotRef(String dataset, String sha256) {
    }

    static List<String> batches(String tag) {
        return tag == null || tag.isBlank() ? List.of()
                : Arrays.stream(tag.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static ModelRef model(ModelVersion version) {
        return new ModelRef(version.name(), version.version(), version.currentStage(), version.aliases(),
                version.source(), version.artifactUri(), version.artifactSha256());
    }
}

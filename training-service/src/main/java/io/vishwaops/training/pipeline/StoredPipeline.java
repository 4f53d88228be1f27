package io.vishwaops.training.pipeline;

import java.time.Instant;

/**
 * One version of a pipeline as stored: versions are immutable, a changed spec is a new version.
 *
 * @param specSha256 sha-256 of the spec's canonical JSON: what models trained from it record as lineage
 */
public record StoredPipeline(String name, int version, PipelineDefinition spec, String specSha256, String createdBy,
        Instant createdAt) {
}

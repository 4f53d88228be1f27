package io.vishwaops.contracts.models;

import java.time.Instant;

/**
 * A model version moved to the {@code Archived} stage: it stays in the registry (and can be looked up
 * for lineage) but should no longer be served. Keyed by model name.
 *
 * @param version the version number, as a string as in MLflow
 * @param previousStage the stage it left: {@code None}, {@code Staging} or {@code Production}
 * @param archivedBy who archived it
 * @param reason why, as given by the caller, or what archived it (e.g. another version's promotion)
 */
public record ModelVersionArchived(String model, String version, String previousStage, String archivedBy,
        String reason, Instant archivedAt) {
}

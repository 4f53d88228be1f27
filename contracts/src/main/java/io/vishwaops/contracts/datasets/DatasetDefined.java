package io.vishwaops.contracts.datasets;

import java.time.Instant;
import java.util.List;

/**
 * A dataset was created, or its schema changed and got a new version. Carries the whole schema so consumers
 * (validation, features) keep their own copy. Keyed by dataset.
 *
 * @param version the new schema version, from 1
 * @param previousVersion the version it replaces, or {@code null} for a new dataset
 * @param incompatibleChanges changes that break records valid under the previous version (a type change, a
 *        removed or newly required column), which the caller explicitly allowed; empty otherwise
 * @param definedBy who made the change
 */
public record DatasetDefined(String dataset, int version, Integer previousVersion, DatasetSchema schema,
        List<String> incompatibleChanges, String definedBy, Instant definedAt) {
}

package io.vishwaops.registry.model;

import java.time.Instant;

/** One move of an alias; {@code version} null when it was deleted, {@code previousVersion} null when it was new. */
public record AliasChange(String model, String alias, String previousVersion, String version, String changedBy,
        String reason, Instant changedAt) {
}

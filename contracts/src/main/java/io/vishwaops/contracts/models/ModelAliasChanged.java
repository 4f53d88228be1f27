package io.vishwaops.contracts.models;

import java.time.Instant;

/**
 * An alias such as {@code champion} now points at another version (or none). Keyed by model name.
 *
 * @param previousVersion the version it pointed at before, or {@code null}
 * @param version the version it points at now, or {@code null} when the alias was deleted
 * @param changedBy who moved it
 * @param reason why, as given by the caller or the policy that moved it
 */
public record ModelAliasChanged(String model, String alias, String previousVersion, String version,
        String changedBy, String reason, Instant changedAt) {
}

package io.vishwaops.serving.model;

import java.time.Instant;
import java.util.List;

/**
 * What serving does with a model: per alias the version answering and how its last load went, and the versions
 * loaded because a request named them.
 */
public record ModelStatus(String model, List<AliasStatus> aliases, List<String> pinnedVersions) {

    /**
     * @param state {@code LOADING} (nothing served yet), {@code SERVING}, {@code FAILED} (nothing could be loaded) or
     *        {@code NOT_FOUND} (the registry has no such alias yet)
     * @param lastError the last load that failed, also when an older version kept serving; {@code null} after a
     *        successful load
     */
    public record AliasStatus(String alias, String version, String state, String sha256, Instant loadedAt,
            LoadError lastError) {
    }

    /** A version that could not be loaded: why ({@code INTEGRITY}, {@code FORMAT}, ...), in words, and when. */
    public record LoadError(String version, String reason, String message, Instant at) {
    }
}

package io.vishwaops.registry.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the registry.
 *
 * @param artifactRoot directory the artifact bytes live under (hashes and sizes are in the database); relative
 *        paths are resolved against the working directory, so the default sits beside the standalone
 *        platform's own data in {@code ./.vops-data}
 * @param maxArtifactSize largest single artifact accepted; a bigger upload is refused and nothing is kept
 * @param maxLogBatchBytes largest log-batch request body, as MLflow's 1 MB
 * @param maxSearchResults the most runs, models or versions one search page may ask for
 * @param approverRole the role (from the caller's roles) that may decide approval requests
 */
@ConfigurationProperties("vops.registry")
public record RegistryProperties(
        @DefaultValue("./.vops-data/registry/artifacts") Path artifactRoot,
        @DefaultValue("512MB") DataSize maxArtifactSize,
        @DefaultValue("1MB") DataSize maxLogBatchBytes,
        @DefaultValue("50000") int maxSearchResults,
        @DefaultValue("approver") String approverRole) {
}

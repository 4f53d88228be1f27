package io.vishwaops.modelloading;

/**
 * A model version as the registry records it: where its bundle is and the sha-256 the bytes must have.
 *
 * @param artifactUri the registry path of the bundle ({@code /api/v1/registry/runs/{runId}/artifacts/model/bundle.vops})
 * @param artifactSha256 lowercase hex; {@code null} when the registry knows no bundle for the version
 */
public record ModelVersionRef(String model, String version, String artifactUri, String artifactSha256) {
}

package io.vishwaops.modelloading;

import java.io.InputStream;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import io.vishwaops.mlcore.bundle.BundleFormatException;
import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.ModelBundles;
import tools.jackson.databind.JsonNode;

/**
 * Model versions and their bundles, from the registry's native API: which version an alias points at, where a
 * version's bundle is and what its sha-256 must be, and the bundle itself, downloaded, hashed and
 * read under {@link ModelBundles#ALLOWLIST} only when the hash matches the registry's record.
 *
 * <p>Give it a {@link RestClient} whose base URL is the registry and which signs calls as the calling service
 * ({@code ServiceIdentity} in the caller-identity module).
 */
public class RegistryModels {

    private final RestClient registry;

    public RegistryModels(RestClient registry) {
        this.registry = registry;
    }

    /** The version {@code alias} points at, or empty when the model has no such alias (or no such model). */
    public Optional<ModelVersionRef> alias(String model, String alias) {
        JsonNode target = get("/api/v1/registry/models/{m}/aliases/{a}", model, alias);
        if (target == null || target.path("version").isNull() || target.path("version").isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(new ModelVersionRef(model, target.path("version").asString(), text(target, "artifactUri"),
                text(target, "artifactSha256")));
    }

    /** Version {@code version} of {@code model}, or empty when the registry does not know it. */
    public Optional<ModelVersionRef> version(String model, String version) {
        JsonNode lineage = get("/api/v1/registry/models/{m}/versions/{v}/lineage", model, version);
        if (lineage == null) {
            return Optional.empty();
        }
        JsonNode ref = lineage.path("model");
        return Optional.of(new ModelVersionRef(model, version, text(ref, "artifactUri"), text(ref, "artifactSha256")));
    }

    /**
     * Downloads and reads the version's bundle.
     *
     * @throws ModelLoadingException when it has no bundle, the bytes do not match the recorded sha-256, the bundle
     *         cannot be read or names a class outside the allowlist, or the registry cannot be reached
     */
    public LoadedModel load(ModelVersionRef ref) {
        if (ref.artifactUri() == null || ref.artifactSha256() == null) {
            throw new ModelLoadingException(ModelLoadingException.Reason.NO_BUNDLE, ref.model() + " version "
                    + ref.version() + " has no bundle the registry knows the sha-256 of");
        }
        byte[] bytes;
        String sha256;
        try {
            bytes = registry.get().uri(ref.artifactUri()).exchange((request, response) -> {
                if (!response.getStatusCode().is2xxSuccessful()) {
                    throw new ModelLoadingException(response.getStatusCode().value() == 404
                            ? ModelLoadingException.Reason.NOT_FOUND : ModelLoadingException.Reason.REGISTRY_UNAVAILABLE,
                            "the registry answered " + response.getStatusCode().value() + " for " + ref.artifactUri());
                }
                try (InputStream body = response.getBody()) {
                    return body.readAllBytes();
                }
            });
            sha256 = sha256(bytes);
        } catch (RestClientException e) {
            throw new ModelLoadingException(ModelLoadingException.Reason.REGISTRY_UNAVAILABLE,
                    "the registry cannot be reached: " + e.getMessage(), e);
        }
        if (!sha256.equalsIgnoreCase(ref.artifactSha256())) {
            throw new ModelLoadingException(ModelLoadingException.Reason.INTEGRITY, ref.model() + " version "
                    + ref.version() + ": the bundle's sha-256 is " + sha256 + ", the registry recorded "
                    + ref.artifactSha256() + "; refused");
        }
        ModelBundle bundle;
        try {
            bundle = ModelBundles.fromBytes(bytes);
        } catch (BundleFormatException e) {
            throw new ModelLoadingException(ModelLoadingException.Reason.FORMAT, ref.model() + " version "
                    + ref.version() + ": " + e.getMessage(), e);
        }
        return new LoadedModel(ref, bundle, bytes.length);
    }

    private JsonNode get(String path, Object... variables) {
        try {
            return registry.get().uri(path, variables).retrieve().body(JsonNode.class);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return null;
            }
            throw new ModelLoadingException(ModelLoadingException.Reason.REGISTRY_UNAVAILABLE,
                    "the registry refused " + path + ": " + e.getStatusCode().value(), e);
        } catch (RestClientException e) {
            throw new ModelLoadingException(ModelLoadingException.Reason.REGISTRY_UNAVAILABLE,
                    "the registry cannot be reached: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static String sha256(byte[] bytes) {
        return ModelBundles.sha256(bytes);
    }
}

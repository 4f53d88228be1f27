package io.vishwaops.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The services behind the gateway and the public path prefixes each one owns: DESIGN.md §4 as code,
 * so the routes and the platform status page cannot drift apart.
 */
public enum Backend {

    INGESTION("/api/v1/datasets/**", "/api/v1/ingestions/**"),
    VALIDATION("/api/v1/validation/**"),
    FEATURE("/api/v1/features/**", "/api/v1/snapshots/**", "/api/v1/training-sets/**"),
    TRAINING("/api/v1/pipelines/**", "/api/v1/training-jobs/**"),
    REGISTRY("/api/2.0/mlflow/**", "/api/v1/registry/**"),
    SERVING("/api/v1/models/**", "/api/v1/batch-predictions/**", "/api/v1/feedback/**", "/v2/**", "/invocations"),
    MONITORING("/api/v1/monitoring/**");

    // A trailing /** in a PathPattern also matches zero segments, so /api/v1/datasets itself is routed
    // without listing it twice; /api/v1/datasetsX is not.
    private final List<String> paths;

    Backend(String... paths) {
        this.paths = List.of(paths);
    }

    /** The name used in configuration keys, route ids, the status page and problem details. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<String> paths() {
        return paths;
    }

    public static Optional<Backend> byId(String id) {
        for (Backend backend : values()) {
            if (backend.id().equals(id)) {
                return Optional.of(backend);
            }
        }
        return Optional.empty();
    }
}

package io.vishwaops.gateway.routing;

import static io.vishwaops.gateway.routing.Role.APP;
import static io.vishwaops.gateway.routing.Role.APPROVER;
import static io.vishwaops.gateway.routing.Role.DATA_ENGINEER;
import static io.vishwaops.gateway.routing.Role.DATA_SCIENTIST;
import static io.vishwaops.gateway.routing.Role.VIEWER;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which roles may call which route with which method: the route × method → roles table, beside {@link Backend}
 * so a new route and its access are written in one place. The first rule that matches decides; a path under a
 * backend's prefix that no rule names is for {@code admin} only (deny by default), and {@code admin} may call
 * everything. {@link #PUBLIC} needs no caller at all.
 */
public final class RouteAccess {

    /**
     * Answers without credentials: probes, the scrape, the status page, the API description and the console's static
     * files (the console then asks for a key and sends it with each API call).
     */
    public static final List<String> PUBLIC = List.of("/api/v1/platform/status", "/actuator/health", "/actuator/health/**",
            "/actuator/prometheus", "/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
            "/swagger-ui/**", "/webjars/**", "/console", "/console/**");

    private static final Set<HttpMethod> READ = Set.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final Set<HttpMethod> WRITE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final Set<HttpMethod> ANY = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE);
    private static final Set<HttpMethod> POST = Set.of(HttpMethod.POST);

    /** Everyone who works with the platform's data reads it; applications only predict. */
    private static final Set<Role> READERS = EnumSet.of(VIEWER, DATA_ENGINEER, DATA_SCIENTIST, APPROVER);

    /** The table. Order matters: the first match decides. */
    static final List<Rule> RULES = List.of(
            // gateway: API keys are for admins only (no rule below grants them); every caller may ask who it is
            rule(READ, union(READERS, APP), "/api/v1/platform/me"),
            // ingestion
            rule(READ, READERS, "/api/v1/datasets/**", "/api/v1/ingestions/**"),
            // schema inference from a sample writes nothing, but it is the first step of defining a dataset
            rule(WRITE, EnumSet.of(DATA_ENGINEER), "/api/v1/datasets/**", "/api/v1/ingestions/**"),
            // validation: quarantine replay is the data engineer's repair loop
            rule(READ, READERS, "/api/v1/validation/**"),
            rule(WRITE, EnumSet.of(DATA_ENGINEER), "/api/v1/validation/**"),
            // features: online lookups are what an application reads at prediction time
            rule(READ, union(READERS, APP), "/api/v1/features/*/entities/**"),
            rule(POST, union(READERS, APP), "/api/v1/features/*/entities/lookup"),
            rule(READ, READERS, "/api/v1/features/**", "/api/v1/snapshots/**"),
            rule(WRITE, EnumSet.of(DATA_ENGINEER), "/api/v1/features/**"),
            rule(WRITE, EnumSet.of(DATA_ENGINEER, DATA_SCIENTIST), "/api/v1/snapshots/**"),
            // a point-in-time training set is a read of the offline store, asked for with a POST body
            rule(POST, EnumSet.of(DATA_ENGINEER, DATA_SCIENTIST), "/api/v1/training-sets", "/api/v1/training-sets/**"),
            // training
            rule(READ, READERS, "/api/v1/pipelines/**", "/api/v1/training-jobs/**"),
            rule(WRITE, EnumSet.of(DATA_SCIENTIST), "/api/v1/pipelines/**", "/api/v1/training-jobs/**"),
            // registry, MLflow API: searches and history are POSTs in MLflow's clients but read nothing new
            rule(READ, READERS, "/api/2.0/mlflow/**"),
            rule(POST, READERS, "/api/2.0/mlflow/*/search", "/api/2.0/mlflow/metrics/get-history"),
            rule(WRITE, EnumSet.of(DATA_SCIENTIST), "/api/2.0/mlflow/**"),
            // registry, native API: approvers decide; who may move a guarded alias the registry checks again
            rule(POST, EnumSet.of(APPROVER), "/api/v1/registry/approvals/*/approve", "/api/v1/registry/approvals/*/reject"),
            rule(READ, READERS, "/api/v1/registry/**"),
            rule(WRITE, EnumSet.of(DATA_SCIENTIST, APPROVER), "/api/v1/registry/models/*/aliases/**"),
            rule(WRITE, EnumSet.of(DATA_SCIENTIST), "/api/v1/registry/runs/**", "/api/v1/registry/models/**"),
            // serving: applications predict and send feedback; people may try a model and read about it
            rule(ANY, union(READERS, APP), "/v2/**", "/invocations", "/api/v1/models/*/predict",
                    "/api/v1/models/*/versions/*/predict"),
            rule(READ, union(READERS, APP), "/api/v1/models/**", "/api/v1/batch-predictions/**"),
            rule(WRITE, EnumSet.of(APP, DATA_SCIENTIST), "/api/v1/batch-predictions/**"),
            rule(POST, EnumSet.of(APP), "/api/v1/feedback/**"),
            rule(READ, READERS, "/api/v1/feedback/**"),
            // monitoring: data scientists own retraining policies
            rule(READ, READERS, "/api/v1/monitoring/**"),
            rule(WRITE, EnumSet.of(DATA_SCIENTIST), "/api/v1/monitoring/**"));

    private static final List<PathPattern> PUBLIC_PATTERNS = PUBLIC.stream().map(PathPatternParser.defaultInstance::parse).toList();

    private RouteAccess() {
    }

    public static boolean isPublic(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return PUBLIC_PATTERNS.stream().anyMatch(pattern -> pattern.matches(container));
    }

    /** The roles that may make this call, besides {@code admin}; empty: admin only. */
    public static Set<Role> rolesFor(HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Rule rule : RULES) {
            if (rule.methods().contains(method) && rule.paths().stream().anyMatch(pattern -> pattern.matches(container))) {
                return rule.roles();
            }
        }
        return Set.of();
    }

    public static boolean allows(Set<Role> held, HttpMethod method, String path) {
        return held.contains(Role.ADMIN) || !Collections.disjoint(held, rolesFor(method, path));
    }

    record Rule(Set<HttpMethod> methods, Set<Role> roles, List<PathPattern> paths) {
    }

    private static Rule rule(Set<HttpMethod> methods, Set<Role> roles, String... paths) {
        return new Rule(methods, Collections.unmodifiableSet(EnumSet.copyOf(roles)),
                List.of(paths).stream().map(PathPatternParser.defaultInstance::parse).toList());
    }

    private static Set<Role> union(Set<Role> roles, Role more) {
        EnumSet<Role> all = EnumSet.copyOf(roles);
        all.add(more);
        return all;
    }
}

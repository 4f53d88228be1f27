package io.vishwaops.gateway.apikey;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.gateway.routing.Role;
import io.vishwaops.gateway.security.ApiKeys;
import io.vishwaops.gateway.security.ApiKeys.ApiKey;
import io.vishwaops.gateway.security.Caller;
import reactor.core.publisher.Mono;

/** API keys, for admins (the route table lets no other role reach {@code /api/v1/admin/**}). */
@RestController
@RequestMapping(path = "/api/v1/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "admin", description = "API keys")
class ApiKeyController {

    private final ApiKeys keys;

    private final Clock clock = Clock.systemUTC();

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    /**
     * @param name who or what the key is for, e.g. {@code churn-app} (shown as the caller in audit logs)
     * @param roles at least one of viewer, data-engineer, data-scientist, approver, app, admin
     * @param expiresAt when the key stops working; never when absent
     */
    record CreateKey(@Nullable String name, @Nullable List<String> roles, @Nullable Instant expiresAt) {
    }

    /** A key as listed: never its secret. */
    record KeyView(String id, String name, List<Role> roles, Instant createdAt, @Nullable Instant expiresAt,
            @Nullable Instant revokedAt, String createdBy) {

        static KeyView of(ApiKey key) {
            return new KeyView(key.id(), key.name(), key.roles().stream().sorted().toList(), key.createdAt(),
                    key.expiresAt(), key.revokedAt(), key.createdBy());
        }
    }

    /** The answer to a creation: the only time {@code key} is ever shown. */
    record CreatedKey(String id, String name, List<Role> roles, Instant createdAt, @Nullable Instant expiresAt,
            String key) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create an API key", description = "The key is in this answer only; the gateway keeps its hash.")
    Mono<ResponseEntity<CreatedKey>> create(@RequestBody CreateKey request, ServerWebExchange exchange) {
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 100 || !name.matches("[\\p{L}\\p{N} ._@-]+")) {
            throw invalid("name", "name is required: up to 100 letters, digits, spaces and . _ @ -");
        }
        if (request.roles() == null || request.roles().isEmpty()) {
            throw invalid("roles", "roles must name at least one of " + allRoles());
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : request.roles()) {
            roles.add(Role.byId(role).orElseThrow(() -> invalid("roles", "unknown role '" + role + "'; known: " + allRoles())));
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(clock.instant())) {
            throw invalid("expiresAt", "expiresAt must be in the future");
        }
        Caller caller = Caller.of(exchange);
        return keys.create(name, roles, request.expiresAt(), caller == null ? "anonymous" : caller.user()).map(created -> {
            ApiKey key = created.key();
            return ResponseEntity.created(URI.create("/api/v1/admin/api-keys/" + key.id()))
                    .body(new CreatedKey(key.id(), key.name(), key.roles().stream().sorted().toList(), key.createdAt(),
                            key.expiresAt(), created.secret()));
        });
    }

    @GetMapping
    @Operation(summary = "Every API key, revoked and expired ones included; never a secret")
    Mono<List<KeyView>> list() {
        return keys.list().map(KeyView::of).collectList();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke an API key at once")
    Mono<ResponseEntity<KeyView>> revoke(@PathVariable String id, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return keys.revoke(id, caller == null ? "anonymous" : caller.user())
                .map(key -> ResponseEntity.ok(KeyView.of(key)))
                .switchIfEmpty(Mono.error(() -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No API key with id '" + id + "'");
                    problem.setType(URI.create("https://vishwaops.io/problems/not-found"));
                    return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
                }));
    }

    private static List<String> allRoles() {
        return List.of(Role.values()).stream().map(Role::id).toList();
    }

    private static ErrorResponseException invalid(String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(URI.create("https://vishwaops.io/problems/invalid-request"));
        problem.setTitle("Invalid request");
        problem.setProperty("field", field);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}

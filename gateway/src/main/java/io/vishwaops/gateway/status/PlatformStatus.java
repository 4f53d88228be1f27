package io.vishwaops.gateway.status;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of {@code GET /api/v1/platform/status}: one look at the whole platform. */
record PlatformStatus(
        @Schema(description = "UP only if the gateway and every service are UP") HealthState status,
        Instant checkedAt,
        ServiceStatus gateway,
        List<ServiceStatus> services,
        Security security) {

    static PlatformStatus of(Instant checkedAt, ServiceStatus gateway, List<ServiceStatus> services, Security security) {
        boolean allUp = gateway.status() == HealthState.UP
                && services.stream().allMatch(service -> service.status() == HealthState.UP);
        return new PlatformStatus(allUp ? HealthState.UP : HealthState.DOWN, checkedAt, gateway, services, security);
    }

    /** Same vocabulary as Spring Boot actuator health, so the page and the probes read alike. */
    enum HealthState {
        UP, DOWN, OUT_OF_SERVICE, UNKNOWN;

        static HealthState parse(@Nullable String actuatorStatus) {
            for (HealthState state : values()) {
                if (state.name().equals(actuatorStatus)) {
                    return state;
                }
            }
            // actuator allows custom status codes; the page cannot judge them
            return UNKNOWN;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ServiceStatus(
            String name,
            URI url,
            HealthState status,
            @Schema(description = "time to the health answer; absent for the gateway, which checks itself in-process")
            @Nullable Long responseTimeMs,
            @Schema(description = "why the service counts as DOWN or UNKNOWN; absent when it answered")
            @Nullable String error) {
    }

    /**
     * Whether the gateway checks callers; off only when {@code vops.security.enabled=false} was set explicitly.
     *
     * @param bearerTokens whether JWTs from an identity provider are accepted besides API keys
     */
    record Security(
            @Schema(description = "false only when switched off explicitly with vops.security.enabled=false") boolean enabled,
            @Schema(description = "JWT bearer tokens from the configured identity provider are accepted") boolean bearerTokens) {
    }
}

package io.vishwaops.gateway.status;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.gateway.routing.Backend;
import io.vishwaops.gateway.routing.GatewayProperties;
import io.vishwaops.gateway.security.GatewaySecurityProperties;
import io.vishwaops.gateway.status.PlatformStatus.HealthState;
import io.vishwaops.gateway.status.PlatformStatus.ServiceStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "platform", description = "The platform as a whole")
class PlatformStatusController {

    private final GatewayProperties properties;

    private final BackendHealthProbe probe;

    private final ApplicationAvailability availability;

    private final PlatformStatus.Security security;

    PlatformStatusController(GatewayProperties properties, BackendHealthProbe probe, ApplicationAvailability availability,
            GatewaySecurityProperties securityProperties) {
        this.properties = properties;
        this.probe = probe;
        this.availability = availability;
        this.security = new PlatformStatus.Security(securityProperties.enabled(),
                securityProperties.enabled() && securityProperties.jwt().configured());
    }

    @GetMapping(path = "/api/v1/platform/status", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Health of the gateway and every service",
            description = "Asks every service's /actuator/health in parallel, each bounded by vops.gateway.status-timeout. "
                    + "A service that refuses the connection or does not answer in time is DOWN, with the reason in error.")
    @ApiResponse(responseCode = "200", description = "the gateway and every service are UP",
            content = @Content(schema = @Schema(implementation = PlatformStatus.class)))
    @ApiResponse(responseCode = "503", description = "at least one is not UP; the body names which",
            content = @Content(schema = @Schema(implementation = PlatformStatus.class)))
    Mono<ResponseEntity<PlatformStatus>> status(ServerHttpRequest request) {
        Instant checkedAt = Instant.now();
        return Flux.fromIterable(Arrays.asList(Backend.values()))
                // parallel calls, answers in URL-map order
                .flatMapSequential(backend -> probe.check(backend, properties.uri(backend)))
                .collectList()
                .map(services -> PlatformStatus.of(checkedAt, gatewayItself(request), services, security))
                // like actuator health: load balancers and scripts can read the code without the body
                .map(status -> ResponseEntity.status(status.status() == HealthState.UP ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                        .body(status));
    }

    // Readiness is what the gateway's own /actuator/health/readiness reports; no need to call ourselves.
    private ServiceStatus gatewayItself(ServerHttpRequest request) {
        boolean ready = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        return new ServiceStatus("gateway", URI.create(request.getURI().getScheme() + "://" + request.getURI().getRawAuthority()),
                ready ? HealthState.UP : HealthState.OUT_OF_SERVICE, null, ready ? null : "not accepting traffic");
    }
}

package io.vishwaops.gateway.status;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.vishwaops.gateway.routing.Backend;
import io.vishwaops.gateway.routing.GatewayProperties;
import io.vishwaops.gateway.status.PlatformStatus.HealthState;
import io.vishwaops.gateway.status.PlatformStatus.ServiceStatus;
import reactor.core.publisher.Mono;

/** Asks one backend's {@code /actuator/health}; never fails, an unreachable backend is a DOWN answer. */
@Component
class BackendHealthProbe {

    private final WebClient client;

    private final Duration timeout;

    BackendHealthProbe(WebClient.Builder builder, GatewayProperties properties) {
        this.client = builder.build();
        this.timeout = properties.statusTimeout();
    }

    Mono<ServiceStatus> check(Backend backend, URI baseUri) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return client.get()
                    // a String, not a URI, so the http.client.requests metric gets uri="/actuator/health" instead of "none"
                    .uri(baseUri.resolve("/actuator/health").toString())
                    .accept(MediaType.APPLICATION_JSON)
                    // actuator answers 503 with a body for DOWN and OUT_OF_SERVICE, so read the body whatever the status
                    .exchangeToMono(response -> response.bodyToMono(HealthDocument.class)
                            .map(document -> new Answer(HealthState.parse(document.status()), null))
                            .onErrorResume(notHealth -> Mono.empty())
                            .defaultIfEmpty(new Answer(HealthState.UNKNOWN,
                                    "HTTP " + response.statusCode().value() + " without a health document")))
                    .timeout(timeout)
                    .onErrorResume(failure -> Mono.just(new Answer(HealthState.DOWN, describe(failure))))
                    .map(answer -> new ServiceStatus(backend.id(), baseUri, answer.state(),
                            Duration.ofNanos(System.nanoTime() - started).toMillis(), answer.error()));
        });
    }

    private String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return "no answer within " + timeout.toMillis() + " ms";
            }
            if (cause instanceof ConnectException) {
                return "cannot connect: " + cause.getMessage();
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host: " + cause.getMessage();
            }
        }
        return failure.toString();
    }

    private record Answer(HealthState state, @Nullable String error) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HealthDocument(@Nullable String status) {
    }
}

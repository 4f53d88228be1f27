package io.vishwaops.gateway.system;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

import io.netty.channel.ConnectTimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

import io.vishwaops.gateway.routing.BackendRoutes;

/**
 * The gateway's one place for errors: every failure becomes an RFC 9457 problem.
 *
 * <p>An {@code @RestControllerAdvice} would not do here: a path no route matches, a backend that refuses
 * the connection or does not answer never reach a controller, they fail in the gateway's own web handler.
 * Implementing Boot's {@link ErrorWebExceptionHandler} replaces Boot's default handler (it backs off for
 * any bean of this type), so Spring's error JSON with {@code trace} and {@code path} cannot appear.
 */
@Component
@Order(-2) // ahead of Spring's WebFluxResponseStatusExceptionHandler (0) and anything Boot would add (-1)
class ProblemResponses implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private static final String TYPES = "https://vishwaops.io/problems/";

    private final ServerResponse.Context context;

    ProblemResponses(ServerCodecConfigurer codecs) {
        List<HttpMessageWriter<?>> writers = codecs.getWriters();
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return writers;
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return List.of();
            }
        };
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            // Part of the body is already on the wire; all that is left is to drop the connection.
            return Mono.error(failure);
        }
        String requestId = RequestIds.of(exchange);
        ProblemDetail problem = problemFor(exchange, failure, requestId);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        problem.setProperty("requestId", requestId);
        return ServerResponse.status(problem.getStatus())
                // e.g. Allow on a 405, which RFC 9110 requires
                .headers(headers -> {
                    if (failure instanceof ErrorResponse error) {
                        headers.addAll(error.getHeaders());
                    }
                })
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(problem)
                .flatMap(response -> response.writeTo(exchange, context));
    }

    private ProblemDetail problemFor(ServerWebExchange exchange, Throwable failure, String requestId) {
        Optional<String> backend = routedBackend(exchange);
        if (backend.isPresent()) {
            ProblemDetail downstream = downstreamProblem(backend.get(), failure);
            if (downstream != null) {
                log.warn("{} {} -> {} failed [requestId={}]: {}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), backend.get(), requestId, failure.toString());
                return downstream;
            }
        }
        if (failure instanceof ErrorResponse error) {
            HttpStatusCode status = error.getStatusCode();
            URI type = error.getBody().getType();
            // a 404 the gateway's own endpoints chose to explain (e.g. an unknown API key) keeps its problem
            if (status.value() == HttpStatus.NOT_FOUND.value() && (type == null || "about:blank".equals(type.toString()))) {
                // Whatever found nothing (the router, the static resource handler), the caller asked for a
                // path the platform does not serve; Spring's own detail would talk about static resources.
                return problem(HttpStatus.NOT_FOUND, "not-found", "Not Found",
                        "No route or endpoint for " + exchange.getRequest().getMethod() + " "
                                + exchange.getRequest().getPath().value());
            }
            if (status.value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
                return problem(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "Gateway Timeout",
                        "A backend did not answer in time");
            }
            // 405, 406, 415, 400 from the gateway's own endpoints: Spring's problem body is already right.
            return copyOf(error.getBody());
        }
        log.error("Unexpected failure on {} {} [requestId={}]", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), requestId, failure);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal Server Error",
                "The gateway failed unexpectedly; quote the request id when reporting it");
    }

    private static @Nullable ProblemDetail downstreamProblem(String backend, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // ConnectTimeoutException is a ConnectException, so it is checked first.
            if (cause instanceof ConnectTimeoutException || cause instanceof TimeoutException
                    || cause instanceof ErrorResponse error && error.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
                return problem(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "Gateway Timeout",
                        "The " + backend + " service did not answer in time");
            }
            // an unknown host is a service that is not deployed (no DNS entry yet), not a gateway bug
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service Unavailable",
                        "The " + backend + " service is not reachable");
            }
            if (cause instanceof PrematureCloseException) {
                return problem(HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad Gateway",
                        "The " + backend + " service closed the connection before answering");
            }
        }
        return null;
    }

    private static Optional<String> routedBackend(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return Optional.ofNullable(route).map(r -> r.getMetadata().getOrDefault(BackendRoutes.BACKEND, r.getId()).toString());
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return problem;
    }

    // ErrorResponse bodies may be shared instances; never decorate them in place.
    private static ProblemDetail copyOf(ProblemDetail source) {
        ProblemDetail copy = ProblemDetail.forStatus(source.getStatus());
        copy.setType(source.getType());
        copy.setTitle(source.getTitle());
        copy.setDetail(source.getDetail());
        // e.g. the offending field of a 400
        if (source.getProperties() != null) {
            source.getProperties().forEach(copy::setProperty);
        }
        return copy;
    }
}

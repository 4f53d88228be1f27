package io.vishwaops.gateway.security;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.vishwaops.gateway.routing.Role;
import io.vishwaops.gateway.routing.RouteAccess;
import io.vishwaops.gateway.system.RequestIds;
import io.vishwaops.identity.SignedIdentity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every request through the gateway: who is calling (API key or bearer token), may they make this call (the
 * {@link RouteAccess} table), are they within their rate, is the body within the limit; then the caller goes on
 * to the service as a signed identity, and the credentials stop here. Refusals are 401, 403, 413 and 429 problems.
 *
 * <p>Identity headers sent from outside are always dropped: only the gateway speaks for a caller.
 */
@Component
public class GatewaySecurityFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(GatewaySecurityFilter.class);

    public static final String API_KEY_HEADER = "X-Api-Key";

    /** After the request id (the identity is bound to it), CORS and the security headers. */
    public static final int ORDER = HIGHEST_PRECEDENCE + 20;

    private final GatewaySecurityProperties properties;
    private final ApiKeys apiKeys;
    private final BearerTokens bearerTokens;
    private final RateLimiter rateLimiter;
    private final @Nullable SignedIdentity signatures;
    private final Clock clock;

    GatewaySecurityFilter(GatewaySecurityProperties properties, ApiKeys apiKeys, RateLimiter rateLimiter) {
        this.properties = properties;
        this.apiKeys = apiKeys;
        this.bearerTokens = new BearerTokens(properties.jwt());
        this.rateLimiter = rateLimiter;
        this.signatures = properties.enabled() ? SignedIdentity.fromBase64(properties.identitySecret()) : null;
        this.clock = Clock.systemUTC();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    boolean acceptsBearerTokens() {
        return bearerTokens.configured();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > properties.maxRequestSize().toBytes()) {
            return Mono.error(SecurityProblem.tooLarge(properties.maxRequestSize().toBytes()));
        }
        if (signatures == null) {
            return chain.filter(forward(exchange, null));
        }
        if (RouteAccess.isPublic(request.getPath().pathWithinApplication().value())) {
            return chain.filter(forward(exchange, null));
        }
        return authenticate(request)
                .flatMap(caller -> {
                    String path = request.getPath().pathWithinApplication().value();
                    if (!RouteAccess.allows(caller.roles(), request.getMethod(), path)) {
                        log.info("Forbidden: {} {} for {} with roles {}", request.getMethod(), path, caller.user(),
                                caller.roles());
                        return Mono.error(SecurityProblem.forbidden("Your roles " + caller.roles().stream().map(Role::id).sorted().toList()
                                + " do not allow " + request.getMethod() + " " + path + "; it needs one of "
                                + RouteAccess.rolesFor(request.getMethod(), path).stream().map(Role::id).sorted().toList()
                                + " or admin"));
                    }
                    return rateLimiter.tryAcquire(caller.limitKey()).flatMap(retryAfter -> {
                        if (retryAfter > 0) {
                            return Mono.<Void>error(SecurityProblem.tooManyRequests(retryAfter));
                        }
                        exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
                        return chain.filter(forward(exchange, caller));
                    });
                });
    }

    private Mono<Caller> authenticate(ServerHttpRequest request) {
        String apiKey = request.getHeaders().getFirst(API_KEY_HEADER);
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String bearer = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            bearer = authorization.substring(7).strip();
        }
        // MLflow's clients send their token as a bearer token: an API key works there too
        if (apiKey == null && bearer != null && ApiKeys.looksLikeApiKey(bearer)) {
            apiKey = bearer;
            bearer = null;
        }
        if (apiKey != null) {
            return apiKeys.authenticate(apiKey.strip())
                    .map(key -> new Caller(key.name(), key.roles(), "key:" + key.id()))
                    .switchIfEmpty(Mono.error(() -> SecurityProblem.unauthenticated(
                            "The API key is not valid: unknown, revoked or expired")));
        }
        if (bearer != null) {
            return bearerTokens.authenticate(bearer);
        }
        return Mono.error(SecurityProblem.unauthenticated(authorization == null
                ? "Authentication required: send an API key (X-Api-Key or Authorization: Bearer vops_...) or a bearer token"
                : "Unsupported Authorization scheme: use Bearer"));
    }

    /** The request as the service gets it: no credentials, no identity but the one the gateway signs. */
    private ServerWebExchange forward(ServerWebExchange exchange, @Nullable Caller caller) {
        String requestId = RequestIds.of(exchange);
        long max = properties.maxRequestSize().toBytes();
        ServerHttpRequest mutated = exchange.getRequest().mutate().headers(headers -> {
            headers.remove(SignedIdentity.HEADER);
            if (signatures != null) {
                headers.remove(SignedIdentity.USER_HEADER);
                headers.remove(SignedIdentity.ROLES_HEADER);
                headers.remove(API_KEY_HEADER);
                headers.remove(HttpHeaders.AUTHORIZATION);
                if (caller != null) {
                    headers.set(SignedIdentity.HEADER, signatures.sign(caller.identity(),
                            clock.instant().plus(properties.identityValidity()), requestId));
                }
            }
        }).build();
        // A chunked body declares no length: count it as it streams.
        ServerHttpRequest limited = new ServerHttpRequestDecorator(mutated) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > max) {
                        org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                        sink.error(SecurityProblem.tooLarge(max));
                    }
                    else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return exchange.mutate().request(limited).build();
    }
}

package io.vishwaops.gateway.system;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}, forwards it to the backend and returns it to the caller,
 * so one id ties the caller's report to the logs of the gateway and of the service.
 *
 * <p>A {@link WebFilter} rather than a gateway {@code GlobalFilter}: the platform status page, actuator
 * and error responses need the id too, not only routed requests.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds implements WebFilter {

    public static final String HEADER = "X-Request-Id";

    private static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

    // The id ends up in logs and response headers; anything else could forge log lines or headers.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(HEADER));
        // Attributes are shared with the mutated exchange, and the error handler only sees the original one.
        exchange.getAttributes().put(ATTRIBUTE, id);
        // Set at commit time, not now: the gateway adds the backend's response headers to ours, so a
        // backend echoing the id would otherwise give the caller two values.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> headers.set(HEADER, id)).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    /** The id of this request, or a fresh one when the filter did not run. */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        return id != null ? id : acceptOrGenerate(null);
    }

    static String acceptOrGenerate(@Nullable String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}

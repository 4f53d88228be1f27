package io.vishwaops.gateway.system;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.context.ContextRegistry;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Gives every request an {@code X-Request-Id}, forwards it to the backend and returns it to the caller,
 * so one id ties the caller's report to the logs of the gateway and of the service.
 *
 * <p>A {@link WebFilter} rather than a gateway {@code GlobalFilter}: the platform status page, actuator
 * and error responses need the id too, not only routed requests.
 *
 * <p>The id also goes into the Reactor context under {@value #MDC_KEY}; with
 * {@code spring.reactor.context-propagation=auto} Reactor copies it into the logging MDC on whichever thread
 * handles the request, so the log pattern ({@code logging.pattern.correlation}, set by {@code caller-identity})
 * shows it on the gateway's log lines as it does on the services'.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds implements WebFilter {

    public static final String HEADER = "X-Request-Id";

    /** The MDC key the services use too. */
    public static final String MDC_KEY = "requestId";

    private static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(MDC_KEY, () -> MDC.get(MDC_KEY),
                id -> MDC.put(MDC_KEY, id), () -> MDC.remove(MDC_KEY));
    }

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
        return chain.filter(exchange.mutate().request(request).build()).contextWrite(Context.of(MDC_KEY, id));
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

package io.vishwaops.gateway.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.gateway.system.RequestIds;
import reactor.core.publisher.Mono;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    RateLimiter rateLimiter(GatewaySecurityProperties properties, GatewayRedis redis, MeterRegistry meters) {
        MemoryRateLimiter memory = new MemoryRateLimiter(properties.rateLimit(), System::nanoTime);
        return properties.rateLimit().store() == GatewaySecurityProperties.RateLimit.Store.REDIS
                ? new RedisRateLimiter(properties.rateLimit(), redis, memory, meters)
                : memory;
    }

    /**
     * The operator's admin key for a cluster, where nobody is there to read a key printed at first start: stored
     * before the gateway takes requests; a gateway that cannot store it within 30 s (its Redis is down) does not
     * start.
     */
    @Bean
    ApplicationRunner bootstrapAdminKey(GatewaySecurityProperties properties, ApiKeys apiKeys) {
        return args -> {
            if (properties.enabled() && properties.bootstrapAdminKeyHash() != null) {
                apiKeys.storeBootstrapAdminKey(properties.bootstrapAdminKeyHash(), Duration.ofSeconds(30));
            }
        };
    }

    /** Ahead of authentication: a browser's preflight carries no credentials and must be answered anyway. */
    @Bean
    WebFilter corsFilter(GatewaySecurityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, GatewaySecurityFilter.API_KEY_HEADER,
                RequestIds.HEADER));
        cors.setExposedHeaders(List.of(RequestIds.HEADER, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, HttpHeaders.ETAG));
        cors.setMaxAge(properties.cors().maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        CorsWebFilter filter = new CorsWebFilter(source);
        return new OrderedWebFilter(filter, Ordered.HIGHEST_PRECEDENCE + 10);
    }

    private record OrderedWebFilter(WebFilter delegate, int order) implements WebFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            return delegate.filter(exchange, chain);
        }

        @Override
        public int getOrder() {
            return order;
        }
    }
}

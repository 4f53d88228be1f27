package io.vishwaops.gateway.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One route per backend, id = {@link Backend#id()}, built in Java rather than from
 * {@code spring.cloud.gateway.server.webflux.routes} so routes and the status page share one service map.
 */
@Configuration(proxyBeanMethods = false)
class BackendRoutes {

    @Bean
    RouteLocator backendRouteLocator(RouteLocatorBuilder builder, GatewayProperties properties) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (Backend backend : Backend.values()) {
            routes.route(backend.id(), route -> route
                    .path(backend.paths().toArray(String[]::new))
                    .uri(properties.uri(backend)));
        }
        return routes.build();
    }
}

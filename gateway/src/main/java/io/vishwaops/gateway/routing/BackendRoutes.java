package io.vishwaops.gateway.routing;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One route per backend, id = {@link Backend#id()}, built in Java rather than from
 * {@code spring.cloud.gateway.server.webflux.routes} so routes and the status page share one service map. Records
 * sent to a dataset (a CSV upload of a million rows takes minutes) have a route of their own, before ingestion's,
 * with {@code vops.gateway.upload-timeout} instead of the response timeout every other request gets. Each route
 * names its backend in its metadata ({@link #BACKEND}), for the problems that say which service failed.
 */
@Configuration(proxyBeanMethods = false)
public class BackendRoutes {

    /** The route metadata key that names the backend a route goes to. */
    public static final String BACKEND = "vops-backend";

    @Bean
    RouteLocator backendRouteLocator(RouteLocatorBuilder builder, GatewayProperties properties,
            @Value("${vops.gateway.upload-timeout:30m}") Duration uploadTimeout) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        routes.route(Backend.INGESTION.id() + "-records", route -> route
                .order(-1)
                .path("/api/v1/datasets/*/records")
                .metadata(BACKEND, Backend.INGESTION.id())
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, uploadTimeout.toMillis())
                .uri(properties.uri(Backend.INGESTION)));
        for (Backend backend : Backend.values()) {
            routes.route(backend.id(), route -> route
                    .path(backend.paths().toArray(String[]::new))
                    .metadata(BACKEND, backend.id())
                    .uri(properties.uri(backend)));
        }
        return routes.build();
    }
}

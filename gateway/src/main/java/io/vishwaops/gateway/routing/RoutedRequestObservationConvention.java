package io.vishwaops.gateway.routing;

import org.springframework.cloud.gateway.filter.headers.observation.DefaultGatewayObservationConvention;
import org.springframework.stereotype.Component;

/**
 * Publishes routed requests as {@code spring.cloud.gateway.http.client.requests}.
 *
 * <p>Spring Cloud Gateway names them {@code http.client.requests}, the name WebClient uses too but with other
 * tag keys; Prometheus then refuses whichever registers second, so depending on whether the status page or a
 * routed request came first, the gateway's own traffic vanished from the scrape
 * (spring-cloud/spring-cloud-gateway#3153). The name is the one proposed upstream in #4153.
 */
@Component
class RoutedRequestObservationConvention extends DefaultGatewayObservationConvention {

    @Override
    public String getName() {
        return "spring.cloud.gateway.http.client.requests";
    }
}

package io.vishwaops.identity;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the request id into every log line a service (and the gateway) writes while handling a request: Boot's
 * default log pattern has a slot for a correlation id, {@code logging.pattern.correlation}, and this fills it with
 * the MDC's {@code requestId} (set from {@code X-Request-Id} by the identity filter, and by the gateway's request
 * id filter), e.g. {@code [7f3c…] }; lines outside a request show nothing there. Only a default: a service or an
 * operator that sets {@code logging.pattern.correlation} (say, for trace ids) wins.
 *
 * <p>An environment post-processor rather than a line in each service's properties: the logging system is set up
 * before a service's {@code @PropertySource} is read, and this way every service gets the same pattern.
 */
public class RequestIdLogPattern implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "logging.pattern.correlation";

    /** {@code [id] } inside a request, nothing outside one. */
    static final String PATTERN = "%replace([%X{requestId}] ){'^\\[\\] $', ''}";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.containsProperty(PROPERTY)) {
            environment.getPropertySources().addLast(new MapPropertySource("vopsRequestIdLogPattern", Map.of(PROPERTY, PATTERN)));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}

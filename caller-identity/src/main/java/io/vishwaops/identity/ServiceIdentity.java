package io.vishwaops.identity;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.slf4j.MDC;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * How one service calls another inside the platform: as itself ({@code service:<name>}) with the roles the call
 * needs, signed with the shared identity secret the way the gateway signs a user, so the callee's
 * {@link IdentityFilter} accepts it and its audit log names the service. The request id of the request being served
 * (from the MDC) is carried on, or a new one is made, so a chain of calls shares one id. With security switched off
 * the plain user and roles headers are sent instead.
 */
public final class ServiceIdentity {

    private static final Duration VALIDITY = Duration.ofMinutes(2);

    private final IdentityProperties properties;
    private final SignedIdentity signatures;
    private final Clock clock;

    ServiceIdentity(IdentityProperties properties, Clock clock) {
        this.properties = properties;
        this.signatures = properties.enabled() ? SignedIdentity.fromBase64(properties.identitySecret()) : null;
        this.clock = clock;
    }

    /**
     * An interceptor for a {@code RestClient} (or {@code RestTemplate}) that calls as {@code service:<service>} with
     * {@code roles}.
     */
    public ClientHttpRequestInterceptor as(String service, Set<String> roles) {
        CallerIdentity caller = new CallerIdentity("service:" + service, roles);
        return (HttpRequest request, byte[] body, ClientHttpRequestExecution execution) -> {
            sign(request, caller);
            return execute(request, body, execution);
        };
    }

    private void sign(HttpRequest request, CallerIdentity caller) {
        String requestId = request.getHeaders().getFirst("X-Request-Id");
        if (requestId == null) {
            requestId = MDC.get("requestId");
            if (requestId == null) {
                requestId = UUID.randomUUID().toString();
            }
            request.getHeaders().set("X-Request-Id", requestId);
        }
        if (signatures != null) {
            request.getHeaders().set(SignedIdentity.HEADER,
                    signatures.sign(caller, clock.instant().plus(VALIDITY), requestId));
        } else {
            request.getHeaders().set(SignedIdentity.USER_HEADER, caller.user());
            request.getHeaders().set(SignedIdentity.ROLES_HEADER, String.join(",", caller.roles()));
        }
    }

    private static ClientHttpResponse execute(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        return execution.execute(request, body);
    }
}

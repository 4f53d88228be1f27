package io.vishwaops.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

class ServiceIdentityTests {

    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

    private static HttpHeaders call(ServiceIdentity identity, String service, Set<String> roles) throws Exception {
        AtomicReference<HttpHeaders> sent = new AtomicReference<>();
        MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, URI.create("http://registry/x"));
        identity.as(service, roles).intercept(request, new byte[0], (r, body) -> {
            sent.set(r.getHeaders());
            return new MockClientHttpResponse(new byte[0], HttpStatus.OK);
        });
        return sent.get();
    }

    @Test
    void aServiceCallCarriesAnIdentityTheCalleeVerifiesAndTheRequestIdBeingServed() throws Exception {
        ServiceIdentity identity = new ServiceIdentity(new IdentityProperties(true, SECRET, Duration.ofSeconds(5),
                List.of()), Clock.systemUTC());
        MDC.put("requestId", "req-42");
        HttpHeaders headers;
        try {
            headers = call(identity, "training", Set.of("data-scientist"));
        } finally {
            MDC.remove("requestId");
        }
        assertThat(headers.getFirst("X-Request-Id")).isEqualTo("req-42");
        CallerIdentity caller = SignedIdentity.fromBase64(SECRET).verify(headers.getFirst(SignedIdentity.HEADER),
                "req-42", java.time.Instant.now());
        assertThat(caller.user()).isEqualTo("service:training");
        assertThat(caller.roles()).containsExactly("data-scientist");
        // bound to its request: replayed on another request id it is refused
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SignedIdentity.fromBase64(SECRET)
                .verify(headers.getFirst(SignedIdentity.HEADER), "req-43", java.time.Instant.now()))
                .isInstanceOf(SignedIdentity.Invalid.class);
    }

    @Test
    void withoutARequestBeingServedANewIdIsMadeAndWithSecurityOffThePlainHeadersAreSent() throws Exception {
        ServiceIdentity identity = new ServiceIdentity(new IdentityProperties(false, null, Duration.ofSeconds(5),
                List.of()), Clock.systemUTC());
        HttpHeaders headers = call(identity, "serving", Set.of("viewer"));
        assertThat(headers.getFirst("X-Request-Id")).isNotBlank();
        assertThat(headers.getFirst(SignedIdentity.HEADER)).isNull();
        assertThat(headers.getFirst(SignedIdentity.USER_HEADER)).isEqualTo("service:serving");
        assertThat(headers.getFirst(SignedIdentity.ROLES_HEADER)).isEqualTo("viewer");
    }
}

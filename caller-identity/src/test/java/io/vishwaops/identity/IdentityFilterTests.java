package io.vishwaops.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletResponse;

class IdentityFilterTests {

    private static final Instant NOW = Instant.parse("2026-03-14T10:00:00Z");
    private static final List<String> OPEN = List.of("/actuator/health/**", "/actuator/prometheus");

    private final IdentityFilter secured = new IdentityFilter(
            new IdentityProperties(true, SignedIdentityTests.SECRET, java.time.Duration.ofSeconds(5), OPEN),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private final SignedIdentity gateway = SignedIdentity.fromBase64(SignedIdentityTests.SECRET);

    private final AtomicReference<HttpServletRequest> seen = new AtomicReference<>();

    @Test
    void aSignedCallerReachesTheServiceAsVerifiedPlainHeaders() throws Exception {
        MockHttpServletRequest request = request("/api/v1/registry/approvals/1/approve");
        request.addHeader("X-Request-Id", "r-1");
        request.addHeader(SignedIdentity.HEADER, gateway.sign(new CallerIdentity("carol", Set.of("approver")), NOW.plusSeconds(30), "r-1"));
        // a client's own claim, smuggled beside the signed one, must not win
        request.addHeader(SignedIdentity.USER_HEADER, "mallory");

        MockHttpServletResponse response = run(request);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(seen.get().getHeader(SignedIdentity.USER_HEADER)).isEqualTo("carol");
        assertThat(seen.get().getHeader(SignedIdentity.ROLES_HEADER)).isEqualTo("approver");
        assertThat(seen.get().getAttribute(CallerIdentity.ATTRIBUTE)).isEqualTo(new CallerIdentity("carol", Set.of("approver")));
    }

    @Test
    void plainHeadersWithoutASignatureAreA401Problem() throws Exception {
        MockHttpServletRequest request = request("/api/v1/datasets");
        request.addHeader(SignedIdentity.USER_HEADER, "admin");
        request.addHeader(SignedIdentity.ROLES_HEADER, "admin");
        request.addHeader("X-Request-Id", "r-2");

        MockHttpServletResponse response = run(request);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString())
                .contains("\"type\":\"https://vishwaops.io/problems/unauthenticated\"", "\"requestId\":\"r-2\"",
                        "only through the gateway", "\"instance\":\"/api/v1/datasets\"");
        assertThat(seen.get()).isNull();
    }

    @Test
    void anExpiredSignatureIsRefused() throws Exception {
        MockHttpServletRequest request = request("/api/v1/datasets");
        request.addHeader("X-Request-Id", "r-3");
        request.addHeader(SignedIdentity.HEADER, gateway.sign(new CallerIdentity("dan", Set.of()), NOW.minusSeconds(6), "r-3"));

        MockHttpServletResponse response = run(request);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("expired");
    }

    @Test
    void probesAndTheScrapeStayOpen() throws Exception {
        assertThat(run(request("/actuator/health/readiness")).getStatus()).isEqualTo(200);
        assertThat(run(request("/actuator/prometheus")).getStatus()).isEqualTo(200);
        assertThat(run(request("/actuator/env")).getStatus()).isEqualTo(401);
    }

    @Test
    void switchedOffThePlainHeadersAreBelieved() throws Exception {
        IdentityFilter open = new IdentityFilter(new IdentityProperties(false, null, java.time.Duration.ZERO, OPEN),
                Clock.systemUTC());
        MockHttpServletRequest request = request("/api/v1/registry/audit");
        request.addHeader(SignedIdentity.USER_HEADER, "erin");
        request.addHeader(SignedIdentity.ROLES_HEADER, "viewer, approver");

        MockHttpServletResponse response = new MockHttpServletResponse();
        open.doFilter(request, response, new MockFilterChain(servlet()));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(seen.get().getAttribute(CallerIdentity.ATTRIBUTE))
                .isEqualTo(new CallerIdentity("erin", Set.of("viewer", "approver")));
    }

    @Test
    void securityOnWithoutASecretFailsAtStartup() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IdentityProperties(true, null, java.time.Duration.ZERO, OPEN))
                .hasMessageContaining("vops.security.enabled=false");
    }

    private MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestURI(path);
        return request;
    }

    private MockHttpServletResponse run(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        secured.doFilter(request, response, new MockFilterChain(servlet()));
        return response;
    }

    private HttpServlet servlet() {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) {
                seen.set(req);
                res.setStatus(200);
            }
        };
    }
}

package io.vishwaops.registry.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.vishwaops.identity.CallerIdentity;
import io.vishwaops.identity.SignedIdentity;
import io.vishwaops.registry.RegistryHttp;
import io.vishwaops.testsupport.ServiceIntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The registry with security on, as behind the gateway: it learns the caller only from the identity the gateway
 * signed, records that caller in the audit log, checks the approver role on it again, and refuses callers who
 * skip the gateway.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = {"vops.security.enabled=true", "vops.security.identity-secret=" + VerifiedCallerIntegrationTests.SECRET})
class VerifiedCallerIntegrationTests {

    static final String SECRET = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SignedIdentity GATEWAY = SignedIdentity.fromBase64(SECRET);

    @LocalServerPort
    int port;

    @Test
    void theAuditLogAndApprovalsUseTheSignedCallerNotTheHeadersAClientSends() {
        String model = "verified-" + UUID.randomUUID().toString().substring(0, 8);
        String base = "/api/v1/registry/models/" + model + "/aliases/champion";
        CallerIdentity ana = new CallerIdentity("ana", Set.of("data-scientist"));
        assertThat(send(ana, "POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"" + model + "\"}", Map.of())
                .statusCode()).isEqualTo(200);
        assertThat(send(ana, "POST", "/api/2.0/mlflow/model-versions/create",
                "{\"name\":\"" + model + "\",\"source\":\"s3://b/1\"}", Map.of()).statusCode()).isEqualTo(200);
        assertThat(send(ana, "POST", "/api/2.0/mlflow/model-versions/create",
                "{\"name\":\"" + model + "\",\"source\":\"s3://b/2\"}", Map.of()).statusCode()).isEqualTo(200);
        assertThat(send(ana, "PUT", base, "{\"version\":\"1\",\"reason\":\"first\"}", Map.of()).statusCode()).isEqualTo(200);
        assertThat(send(ana, "PUT", base + "/policy", "{\"requiresApproval\":true}", Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> requested = send(ana, "POST", base + "/moves", "{\"version\":\"2\",\"reason\":\"better\"}", Map.of());
        assertThat(requested.statusCode()).isEqualTo(202);
        String approval = "/api/v1/registry/approvals/" + RegistryHttp.json(requested).get("id").asString() + "/approve";

        // bob is a viewer; the role he claims in plain headers beside the signed identity does not count
        HttpResponse<String> claimed = send(new CallerIdentity("bob", Set.of("viewer")), "POST", approval, "{}",
                Map.of("X-Vops-User", "carol", "X-Vops-Roles", "approver"));
        assertThat(claimed.statusCode()).isEqualTo(403);

        HttpResponse<String> approved = send(new CallerIdentity("carol", Set.of("approver")), "POST", approval,
                "{\"reason\":\"checked\"}", Map.of());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(RegistryHttp.json(approved).get("decidedBy").asString()).isEqualTo("carol");

        JsonNode audit = RegistryHttp.json(send(ana, "GET", "/api/v1/registry/audit?entityType=model-alias&entityId="
                + model + "@champion&action=alias.moved", null, Map.of()).body());
        assertThat(audit.get(0).get("actor").asString()).isEqualTo("ana");
        assertThat(audit.get(1).get("actor").asString()).isEqualTo("carol");
    }

    @Test
    void callsThatSkipTheGatewayAre401Problems() {
        HttpResponse<String> plain = raw("GET", "/api/v1/registry/audit", Map.of("X-Vops-User", "admin", "X-Vops-Roles", "approver"));
        assertThat(plain.statusCode()).isEqualTo(401);
        assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(RegistryHttp.json(plain).get("type").asString()).isEqualTo("https://vishwaops.io/problems/unauthenticated");

        String otherSecret = java.util.Base64.getEncoder().encodeToString("another secret, also 32 bytes long!".getBytes());
        String forged = SignedIdentity.fromBase64(otherSecret).sign(new CallerIdentity("mallory", Set.of("approver")),
                Instant.now().plusSeconds(30), "f-1");
        assertThat(raw("GET", "/api/v1/registry/audit", Map.of("X-Request-Id", "f-1", SignedIdentity.HEADER, forged))
                .statusCode()).isEqualTo(401);

        String expired = GATEWAY.sign(new CallerIdentity("ana", Set.of("viewer")), Instant.now().minusSeconds(60), "e-1");
        HttpResponse<String> late = raw("GET", "/api/v1/registry/audit", Map.of("X-Request-Id", "e-1", SignedIdentity.HEADER, expired));
        assertThat(late.statusCode()).isEqualTo(401);
        assertThat(late.body()).contains("expired").doesNotContain(expired);

        assertThat(raw("GET", "/actuator/health/readiness", Map.of()).statusCode()).isEqualTo(200);
        assertThat(raw("GET", "/actuator/prometheus", Map.of()).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(CallerIdentity caller, String method, String path, String json, Map<String, String> extra) {
        String requestId = UUID.randomUUID().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Request-Id", requestId)
                .header(SignedIdentity.HEADER, GATEWAY.sign(caller, Instant.now().plusSeconds(30), requestId))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        extra.forEach(request::header);
        return execute(request);
    }

    private HttpResponse<String> raw(String method, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return execute(request);
    }

    private static HttpResponse<String> execute(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}

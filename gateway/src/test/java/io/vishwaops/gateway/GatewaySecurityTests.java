package io.vishwaops.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import io.vishwaops.gateway.routing.Backend;
import io.vishwaops.gateway.routing.Role;
import io.vishwaops.gateway.security.ApiKeys;
import io.vishwaops.identity.CallerIdentity;
import io.vishwaops.identity.SignedIdentity;

/**
 * The gateway with security on, in front of seven stub services and an identity provider played by the test: a
 * locally generated RSA key whose JWK set the test serves.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "vops.security.identity-secret=" + GatewaySecurityTests.SECRET,
    "vops.security.jwt.issuer-uri=https://idp.example.test",
    "vops.security.jwt.roles-claim=realm_access.roles",
    "vops.security.jwt.user-claim=preferred_username",
    "vops.security.rate-limit.burst=100000",
    "vops.security.max-request-size=1KB",
    "vops.security.cors.allowed-origins=https://notebooks.example.org" })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class GatewaySecurityTests {

    static final String SECRET = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private static final Map<Backend, StubBackend> STUBS = new EnumMap<>(Backend.class);
    private static final Map<Role, String> KEYS = new ConcurrentHashMap<>();
    private static final RSAKey SIGNING_KEY = rsaKey("idp-1");
    private static final RSAKey IMPOSTOR_KEY = rsaKey("idp-1");
    private static final HttpServer IDP = jwkSetServer(new JWKSet(SIGNING_KEY.toPublicJWK()).toString());
    private static final Path KEY_FILE;

    static {
        for (Backend backend : Backend.values()) {
            STUBS.put(backend, StubBackend.start(backend.id()));
        }
        try {
            KEY_FILE = Files.createTempDirectory("vops-keys").resolve("api-keys.json");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        STUBS.forEach((backend, stub) -> registry.add("vops.gateway.services." + backend.id(), () -> stub.uri().toString()));
        registry.add("vops.security.jwt.jwk-set-uri", () -> "http://127.0.0.1:" + IDP.getAddress().getPort() + "/jwks");
        registry.add("vops.security.api-keys-file", KEY_FILE::toString);
    }

    @AfterAll
    static void stop() {
        STUBS.values().forEach(StubBackend::close);
        IDP.stop(0);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private ApiKeys apiKeys;

    @BeforeEach
    void patientClient() {
        client = PatientClients.of(client);
    }

    // The whole route × method × role table, written out rather than derived from RouteAccess so a wrong entry
    // there fails here. Roles listed may call; admin may call everything; every other role gets 403, nobody 401.
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "GET    | /api/v1/datasets                               | viewer data-engineer data-scientist approver",
        "POST   | /api/v1/datasets                               | data-engineer",
        "POST   | /api/v1/datasets/student/records               | data-engineer",
        "POST   | /api/v1/datasets/infer                         | data-engineer",
        "DELETE | /api/v1/datasets/student                       | data-engineer",
        "GET    | /api/v1/ingestions/b-1                         | viewer data-engineer data-scientist approver",
        "GET    | /api/v1/validation/batches/b-1/quarantine      | viewer data-engineer data-scientist approver",
        "POST   | /api/v1/validation/quarantine/replay           | data-engineer",
        "GET    | /api/v1/features/student/records/r-1           | viewer data-engineer data-scientist approver",
        "GET    | /api/v1/features/student/entities/e-7          | viewer data-engineer data-scientist approver app",
        "POST   | /api/v1/features/student/entities/lookup       | viewer data-engineer data-scientist approver app",
        "POST   | /api/v1/features/student/entities/e-7          | data-engineer",
        "POST   | /api/v1/training-sets                          | data-engineer data-scientist",
        "POST   | /api/v1/features                               | data-engineer",
        "GET    | /api/v1/snapshots/s-1                          | viewer data-engineer data-scientist approver",
        "POST   | /api/v1/snapshots                              | data-engineer data-scientist",
        "GET    | /api/v1/pipelines                              | viewer data-engineer data-scientist approver",
        "PUT    | /api/v1/pipelines/churn                        | data-scientist",
        "POST   | /api/v1/training-jobs                          | data-scientist",
        "GET    | /api/v1/training-jobs/j-1/leaderboard          | viewer data-engineer data-scientist approver",
        "GET    | /api/2.0/mlflow/experiments/get                | viewer data-engineer data-scientist approver",
        "POST   | /api/2.0/mlflow/runs/search                    | viewer data-engineer data-scientist approver",
        "POST   | /api/2.0/mlflow/metrics/get-history            | viewer data-engineer data-scientist approver",
        "POST   | /api/2.0/mlflow/runs/create                    | data-scientist",
        "POST   | /api/2.0/mlflow/model-versions/create          | data-scientist",
        "POST   | /api/2.0/mlflow/registered-models/alias        | data-scientist",
        "GET    | /api/v1/registry/audit                         | viewer data-engineer data-scientist approver",
        "POST   | /api/v1/registry/approvals/7/approve           | approver",
        "POST   | /api/v1/registry/approvals/7/reject            | approver",
        "PUT    | /api/v1/registry/models/iris/aliases/champion  | data-scientist approver",
        "POST   | /api/v1/registry/models/iris/aliases/champion/moves | data-scientist approver",
        "PUT    | /api/v1/registry/runs/r-1/artifacts/model.bin  | data-scientist",
        "POST   | /api/v1/registry/somewhere-new                 | ''",
        "POST   | /v2/models/iris/infer                          | viewer data-engineer data-scientist approver app",
        "GET    | /v2/health/ready                               | viewer data-engineer data-scientist approver app",
        "POST   | /invocations                                   | viewer data-engineer data-scientist approver app",
        "POST   | /api/v1/models/iris/predict                    | viewer data-engineer data-scientist approver app",
        "GET    | /api/v1/models/iris                            | viewer data-engineer data-scientist approver app",
        "POST   | /api/v1/batch-predictions                      | app data-scientist",
        "POST   | /api/v1/feedback                               | app",
        "GET    | /api/v1/feedback/f-1                           | viewer data-engineer data-scientist approver",
        "GET    | /api/v1/monitoring/drift/iris                  | viewer data-engineer data-scientist approver",
        "PUT    | /api/v1/monitoring/policies/iris               | data-scientist",
        "GET    | /api/v1/admin/api-keys                         | ''",
    })
    void everyRoleGetsExactlyWhatTheTableGrants(String method, String path, String allowed) {
        Set<Role> granted = EnumSet.of(Role.ADMIN);
        Arrays.stream(allowed.split(" ")).filter(name -> !name.isBlank())
                .forEach(name -> granted.add(Role.byId(name).orElseThrow()));
        for (Role role : Role.values()) {
            WebTestClient.ResponseSpec response = client.method(HttpMethod.valueOf(method)).uri(path)
                    .header("X-Api-Key", keyFor(role)).exchange();
            if (!granted.contains(role)) {
                response.expectStatus().isForbidden()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody().jsonPath("$.type").isEqualTo("https://vishwaops.io/problems/forbidden");
            }
            else if (path.startsWith("/api/v1/admin/")) {
                response.expectStatus().isOk();
            }
            else {
                response.expectStatus().isOk().expectHeader().exists("X-Stub-Service");
            }
        }
        client.method(HttpMethod.valueOf(method)).uri(path).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer realm=\"vishwaops\"")
                .expectBody().jsonPath("$.type").isEqualTo("https://vishwaops.io/problems/unauthenticated");
    }

    @Test
    void theServiceGetsASignedIdentityAndNeitherTheKeyNorTheCallersOwnClaims() throws Exception {
        EntityExchangeResult<byte[]> result = client.get().uri("/api/v1/datasets")
                .header("X-Api-Key", keyFor(Role.VIEWER))
                .header("X-Request-Id", "req-77")
                .header("X-Vops-User", "root")
                .header("X-Vops-Identity", "v1.forged.admin.9999999999.AAAA")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Stub-User", "null")
                .expectHeader().valueEquals("X-Stub-Credentials", "false")
                .expectBody().returnResult();
        String identity = result.getResponseHeaders().getFirst("X-Stub-Identity");
        CallerIdentity caller = SignedIdentity.fromBase64(SECRET).verify(identity, "req-77", Instant.now());
        assertThat(caller).isEqualTo(new CallerIdentity("test-viewer", Set.of("viewer")));
        // bound to the request: useless on another one, and short-lived
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> SignedIdentity.fromBase64(SECRET).verify(identity, "req-78", Instant.now()));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> SignedIdentity.fromBase64(SECRET).verify(identity, "req-77", Instant.now().plusSeconds(31)));
    }

    @Test
    void anApiKeyWorksAsABearerTokenForMlflowClients() {
        client.post().uri("/api/2.0/mlflow/runs/create")
                .header("Authorization", "Bearer " + keyFor(Role.DATA_SCIENTIST))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"experiment_id\": \"0\"}")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Stub-Service", "registry")
                .expectHeader().valueEquals("X-Stub-Credentials", "false");
    }

    @Test
    void anAdminCreatesAKeyThatIsShownOnceStoredHashedAndRevokedAtOnce() throws Exception {
        EntityExchangeResult<byte[]> created = client.post().uri("/api/v1/admin/api-keys")
                .header("X-Api-Key", keyFor(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"churn-app\", \"roles\": [\"app\"], \"expiresAt\": \"2999-01-01T00:00:00Z\"}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/admin/api-keys/[0-9a-f]{12}")
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody()
                .jsonPath("$.name").isEqualTo("churn-app")
                .jsonPath("$.roles[0]").isEqualTo("app")
                .jsonPath("$.expiresAt").isEqualTo("2999-01-01T00:00:00Z")
                .jsonPath("$.key").value(key -> assertThat((String) key).startsWith("vops_"))
                .returnResult();
        String body = new String(created.getResponseBodyContent(), StandardCharsets.UTF_8);
        String key = body.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
        String id = body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

        client.post().uri("/api/v1/models/iris/predict").header("X-Api-Key", key).exchange().expectStatus().isOk();

        client.get().uri("/api/v1/admin/api-keys").header("X-Api-Key", keyFor(Role.ADMIN)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(list -> assertThat(list).contains(id, "churn-app").doesNotContain(key)
                        .doesNotContain("sha256"));
        assertThat(Files.readString(KEY_FILE)).contains(id).doesNotContain(key);

        client.delete().uri("/api/v1/admin/api-keys/" + id).header("X-Api-Key", keyFor(Role.ADMIN)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.revokedAt").exists();
        EntityExchangeResult<byte[]> refused = client.post().uri("/api/v1/models/iris/predict").header("X-Api-Key", key)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("The API key is not valid: unknown, revoked or expired")
                .returnResult();
        assertThat(new String(refused.getResponseBodyContent(), StandardCharsets.UTF_8)).doesNotContain(key);
    }

    @Test
    void keyCreationNamesTheOffendingField() {
        client.post().uri("/api/v1/admin/api-keys").header("X-Api-Key", keyFor(Role.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"x\", \"roles\": [\"superuser\"]}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.field").isEqualTo("roles")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("superuser", "data-scientist"));
        client.delete().uri("/api/v1/admin/api-keys/000000000000").header("X-Api-Key", keyFor(Role.ADMIN)).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No API key with id '000000000000'");
    }

    @Test
    void aForgedKeyIsRefusedWithoutEchoingIt() {
        String real = keyFor(Role.VIEWER);
        String forged = real.substring(0, real.length() - 4) + "AAAA";
        EntityExchangeResult<byte[]> result = client.get().uri("/api/v1/datasets").header("X-Api-Key", forged).exchange()
                .expectStatus().isUnauthorized().expectBody().returnResult();
        assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8)).doesNotContain(forged);
    }

    @Test
    void aValidTokenFromTheIdentityProviderCarriesItsRoles() throws Exception {
        String token = token(SIGNING_KEY, "https://idp.example.test", Instant.now().plusSeconds(300), List.of("data-scientist", "unknown-role"));

        EntityExchangeResult<byte[]> result = client.put().uri("/api/v1/pipelines/churn")
                .header("Authorization", "Bearer " + token).header("X-Request-Id", "jwt-1")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Stub-Credentials", "false")
                .expectBody().returnResult();
        CallerIdentity caller = SignedIdentity.fromBase64(SECRET)
                .verify(result.getResponseHeaders().getFirst("X-Stub-Identity"), "jwt-1", Instant.now());
        assertThat(caller).isEqualTo(new CallerIdentity("grace", Set.of("data-scientist")));

        client.post().uri("/api/v1/registry/approvals/1/approve").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void expiredForeignAndWronglySignedTokensAre401Problems() throws Exception {
        String expired = token(SIGNING_KEY, "https://idp.example.test", Instant.now().minusSeconds(600), List.of("viewer"));
        String otherIssuer = token(SIGNING_KEY, "https://evil.example.test", Instant.now().plusSeconds(300), List.of("viewer"));
        String wronglySigned = token(IMPOSTOR_KEY, "https://idp.example.test", Instant.now().plusSeconds(300), List.of("admin"));
        String unsigned = "eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"x\",\"realm_access\":{\"roles\":[\"admin\"]}}".getBytes(StandardCharsets.UTF_8)) + ".";
        for (String token : List.of(expired, otherIssuer, wronglySigned, unsigned, "not-a-token")) {
            EntityExchangeResult<byte[]> result = client.get().uri("/api/v1/datasets").header("Authorization", "Bearer " + token)
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().doesNotExist("X-Stub-Service")
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://vishwaops.io/problems/unauthenticated")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("The bearer token was rejected"))
                    .returnResult();
            assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8)).doesNotContain(token);
        }
        client.get().uri("/api/v1/datasets").header("Authorization", "Bearer " + expired).exchange()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("expired"));
    }

    @Test
    void theGatewaysLogLinesCarryTheRequestId(CapturedOutput output) {
        client.delete().uri("/api/v1/datasets/log-probe").header("X-Api-Key", keyFor(Role.VIEWER))
                .header("X-Request-Id", "gw-log-5e1d").exchange()
                .expectStatus().isForbidden();

        // the message names no id: it comes from the Reactor context through the MDC into the log pattern
        assertThat(output.getOut().lines().filter(line -> line.contains("Forbidden: DELETE /api/v1/datasets/log-probe")))
                .singleElement().asString().contains("[gw-log-5e1d] ");
    }

    @Test
    void basicAuthIsNotAScheme() {
        client.get().uri("/api/v1/datasets").header("Authorization", "Basic YWRtaW46YWRtaW4=").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo("Unsupported Authorization scheme: use Bearer");
    }

    @Test
    void probesStatusAndApiDocsNeedNoCredentialsAndReportSecurityOn() {
        client.get().uri("/api/v1/platform/status").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.security.enabled").isEqualTo(true)
                .jsonPath("$.security.bearerTokens").isEqualTo(true);
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/v1/admin/api-keys'].post").exists();
    }

    @Test
    void anOversizedBodyIsA413Problem() {
        client.post().uri("/api/v1/datasets/student/records").header("X-Api-Key", keyFor(Role.DATA_ENGINEER))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[" + "1,".repeat(700) + "1]")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist("X-Stub-Service")
                .expectBody().jsonPath("$.type").isEqualTo("https://vishwaops.io/problems/payload-too-large");
    }

    @Test
    void responsesCarryTheSecurityHeaders() {
        client.get().uri("/api/v1/datasets").header("X-Api-Key", keyFor(Role.VIEWER)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer");
        client.get().uri("/api/v1/datasets").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
    }

    @Test
    void aConfiguredOriginGetsItsPreflightWithoutCredentialsAndOthersDoNot() {
        client.options().uri("/api/v1/datasets")
                .header("Origin", "https://notebooks.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "X-Api-Key, Content-Type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", "https://notebooks.example.org")
                .expectHeader().doesNotExist("X-Stub-Service");
        client.options().uri("/api/v1/datasets")
                .header("Origin", "https://evil.example.org")
                .header("Access-Control-Request-Method", "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
    }

    private String keyFor(Role role) {
        return KEYS.computeIfAbsent(role, r -> apiKeys.create("test-" + r.id(), Set.of(r), null, "test").block().secret());
    }

    private static String token(RSAKey key, String issuer, Instant expiresAt, List<String> roles) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer).subject("u-123").claim("preferred_username", "grace")
                .claim("realm_access", Map.of("roles", roles))
                .issueTime(Date.from(expiresAt.minusSeconds(600))).expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey rsaKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static HttpServer jwkSetServer(String jwks) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/jwks", exchange -> {
                byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

package io.vishwaops.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.vishwaops.gateway.routing.Backend;

/** The gateway in front of seven healthy stub services. */
// Routing, request ids and problems, with security switched off explicitly; GatewaySecurityTests has it on.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "vops.security.enabled=false")
@AutoConfigureWebTestClient
class GatewayTests {

    private static final Map<Backend, StubBackend> STUBS = new EnumMap<>(Backend.class);

    static {
        for (Backend backend : Backend.values()) {
            STUBS.put(backend, StubBackend.start(backend.id()));
        }
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        STUBS.forEach((backend, stub) -> registry.add("vops.gateway.services." + backend.id(), () -> stub.uri().toString()));
    }

    @AfterAll
    static void stopStubs() {
        STUBS.values().forEach(StubBackend::close);
    }

    @Autowired
    private WebTestClient client;

    // The default 5 s is too short for a first request on a busy 2-core CI machine.
    @BeforeEach
    void patientClient() {
        client = PatientClients.of(client);
    }

    // The URL map of DESIGN.md §4, written out rather than derived from Backend, so a wrong entry there fails here.
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/api/v1/datasets,                              ingestion",
        "/api/v1/datasets/ds-1/records,                 ingestion",
        "/api/v1/ingestions/batch-7,                    ingestion",
        "/api/v1/validation,                            validation",
        "/api/v1/validation/reports/ds-1,               validation",
        "/api/v1/features,                              feature",
        "/api/v1/features/student/entities/mat-17,      feature",
        "/api/v1/training-sets,                         feature",
        "/api/v1/snapshots,                             feature",
        "/api/v1/snapshots/s-1/diff,                    feature",
        "/api/v1/pipelines,                             training",
        "/api/v1/pipelines/churn,                       training",
        "/api/v1/training-jobs/j-1/leaderboard,         training",
        "/api/2.0/mlflow/registered-models/get?name=iris, registry",
        "/api/v1/registry,                              registry",
        "/api/v1/registry/models/iris/lineage,          registry",
        "/api/v1/models/iris/versions/3/predict,        serving",
        "/api/v1/batch-predictions/b-1,                 serving",
        "/api/v1/feedback,                              serving",
        "/v2/models/iris/infer,                         serving",
        "/v2/health/ready,                              serving",
        "/invocations,                                  serving",
        "/api/v1/monitoring,                            monitoring",
        "/api/v1/monitoring/drift/iris,                 monitoring",
    })
    void routesEveryPrefixOfTheUrlMapToItsService(String path, String service) {
        client.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Stub-Service", service)
                .expectHeader().valueEquals("X-Stub-Path", path);
    }

    @Test
    void forwardsMethodAndBody() {
        client.post().uri("/invocations").contentType(MediaType.TEXT_PLAIN).bodyValue("5.1,3.5")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Stub-Method", "POST")
                .expectBody(String.class).isEqualTo("serving got 7 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/datasetsX", "/api/v1", "/api/v2/datasets", "/invocations/extra", "/v2x" })
    void pathsOutsideTheUrlMapAreNotRouted(String path) {
        client.get().uri(path).exchange()
                .expectStatus().isNotFound()
                .expectHeader().doesNotExist("X-Stub-Service");
    }

    @Test
    void keepsTheCallersRequestIdAndReturnsItOnce() {
        EntityExchangeResult<byte[]> result = client.get().uri("/api/v1/datasets")
                .header("X-Request-Id", "trace-42.a_b")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Stub-Request-Id", "trace-42.a_b")
                .expectBody().returnResult();
        // the stub echoes the id too; the caller must not see it twice
        assertThat(result.getResponseHeaders().get("X-Request-Id")).containsExactly("trace-42.a_b");
    }

    @ParameterizedTest
    @ValueSource(strings = { "has space", "<script>", "a/b", "id;drop" })
    void replacesUnsafeRequestIdsWithAUuid(String offered) {
        assertForwardedIdIsAFreshUuid(client.get().uri("/api/v1/features").header("X-Request-Id", offered));
    }

    @Test
    void replacesOverlongRequestIds() {
        assertForwardedIdIsAFreshUuid(client.get().uri("/api/v1/features").header("X-Request-Id", "a".repeat(129)));
    }

    @Test
    void generatesARequestIdWhenTheCallerSentNone() {
        assertForwardedIdIsAFreshUuid(client.get().uri("/api/v1/features"));
    }

    private static void assertForwardedIdIsAFreshUuid(WebTestClient.RequestHeadersSpec<?> request) {
        EntityExchangeResult<byte[]> result = request.exchange().expectStatus().isOk().expectBody().returnResult();
        List<String> returned = result.getResponseHeaders().get("X-Request-Id");
        assertThat(returned).hasSize(1);
        assertThat(UUID.fromString(returned.getFirst())).isNotNull();
        assertThat(result.getResponseHeaders().getFirst("X-Stub-Request-Id")).isEqualTo(returned.getFirst());
    }

    @Test
    void platformStatusIsUpWhenEveryServiceIsUp() {
        client.get().uri("/api/v1/platform/status").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.checkedAt").exists()
                .jsonPath("$.gateway.name").isEqualTo("gateway")
                .jsonPath("$.gateway.status").isEqualTo("UP")
                .jsonPath("$.security.enabled").isEqualTo(false)
                .jsonPath("$.services.length()").isEqualTo(7)
                .jsonPath("$.services[*].name").isEqualTo(List.of("ingestion", "validation", "feature", "training",
                        "registry", "serving", "monitoring"))
                .jsonPath("$.services[*].status").isEqualTo(List.of("UP", "UP", "UP", "UP", "UP", "UP", "UP"))
                .jsonPath("$.services[0].url").isEqualTo(STUBS.get(Backend.INGESTION).uri().toString())
                .jsonPath("$.services[0].responseTimeMs").isNumber()
                .jsonPath("$.services[0].error").doesNotExist();
    }

    @Test
    void unknownRouteIsA404ProblemWithoutInternals() {
        EntityExchangeResult<byte[]> result = client.get().uri("/api/v1/nowhere/7")
                .header("X-Request-Id", "lost-1")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("X-Request-Id", "lost-1")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://vishwaops.io/problems/not-found")
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isEqualTo("No route or endpoint for GET /api/v1/nowhere/7")
                .jsonPath("$.instance").isEqualTo("/api/v1/nowhere/7")
                .jsonPath("$.requestId").isEqualTo("lost-1")
                .returnResult();
        // Spring's default error JSON would carry timestamp, path, error and possibly trace
        assertThat(new String(result.getResponseBodyContent(), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("timestamp", "\"path\"", "\"error\"", "trace", "Exception", "\tat ");
    }

    @Test
    void wrongMethodOnAGatewayEndpointIsAProblemToo() {
        client.delete().uri("/api/v1/platform/status").exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader().valueEquals("Allow", "GET")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(405)
                .jsonPath("$.instance").isEqualTo("/api/v1/platform/status")
                .jsonPath("$.requestId").exists()
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void livenessAndReadinessProbesAreUp() {
        client.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheusScrapeHasRoutedRequestsAndStatusProbesSideBySide() {
        client.get().uri("/api/v1/registry/models").exchange().expectStatus().isOk();
        client.get().uri("/api/v1/platform/status").exchange().expectStatus().isOk();

        client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text)
                        .contains("jvm_memory_used_bytes")
                        .containsPattern("spring_cloud_gateway_http_client_requests_seconds_count\\{[^}]*spring_cloud_gateway_route_id=\"registry\"")
                        .containsPattern("http_client_requests_seconds_count\\{[^}]*uri=\"/actuator/health\""));
    }

    @Test
    void openApiDocumentsThePlatformStatus() {
        client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/platform/status'].get.responses['200']").exists()
                .jsonPath("$.paths['/api/v1/platform/status'].get.responses['503']").exists()
                .jsonPath("$.components.schemas.PlatformStatus").exists();
    }

    @Test
    void swaggerUiIsServed() {
        EntityExchangeResult<byte[]> redirect = client.get().uri("/swagger-ui.html").exchange()
                .expectStatus().is3xxRedirection()
                .expectBody().returnResult();
        client.get().uri(String.valueOf(redirect.getResponseHeaders().getLocation())).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html).contains("swagger-ui"));
    }
}

package io.vishwaops.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.vishwaops.gateway.routing.Backend;

/**
 * The gateway when services misbehave: monitoring is stopped (connection refused), registry's host does
 * not resolve (not deployed), training's health hangs, and serving answers slowly when asked to.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "vops.security.enabled=false",
    "vops.gateway.status-timeout=500ms",
    "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
    "vops.gateway.upload-timeout=4s" })
@AutoConfigureWebTestClient
class DownstreamFailureTests {

    private static final Map<Backend, StubBackend> STUBS = new EnumMap<>(Backend.class);

    static {
        for (Backend backend : Backend.values()) {
            Duration healthDelay = backend == Backend.TRAINING ? Duration.ofSeconds(5) : Duration.ZERO;
            STUBS.put(backend, StubBackend.start(backend.id(), healthDelay));
        }
        // a real stopped service: its port refuses connections
        STUBS.get(Backend.MONITORING).close();
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        STUBS.forEach((backend, stub) -> registry.add("vops.gateway.services." + backend.id(), () -> stub.uri().toString()));
        // .invalid never resolves (RFC 6761)
        registry.add("vops.gateway.services.registry", () -> "http://registry.invalid:8085");
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

    @Test
    void platformStatusIs503AndNamesTheServicesThatAreDown() {
        client.get().uri("/api/v1/platform/status").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo("DOWN")
                .jsonPath("$.gateway.status").isEqualTo("UP")
                .jsonPath("$.services[0].name").isEqualTo("ingestion")
                .jsonPath("$.services[0].status").isEqualTo("UP")
                .jsonPath("$.services[3].name").isEqualTo("training")
                .jsonPath("$.services[3].status").isEqualTo("DOWN")
                .jsonPath("$.services[3].error").isEqualTo("no answer within 500 ms")
                // the health stub sleeps 5 s; the status page must not wait for it
                .jsonPath("$.services[3].responseTimeMs").value(Number.class,
                        millis -> assertThat(millis.longValue()).isBetween(400L, 3000L))
                .jsonPath("$.services[4].name").isEqualTo("registry")
                .jsonPath("$.services[4].status").isEqualTo("DOWN")
                .jsonPath("$.services[6].name").isEqualTo("monitoring")
                .jsonPath("$.services[6].status").isEqualTo("DOWN")
                .jsonPath("$.services[6].error").value(String.class,
                        error -> assertThat(error).startsWith("cannot connect").containsIgnoringCase("refused"));
    }

    @Test
    void aStoppedServiceIsA503Problem() {
        client.get().uri("/api/v1/monitoring/drift/iris").header("X-Request-Id", "down-1").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("X-Request-Id", "down-1")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://vishwaops.io/problems/service-unavailable")
                .jsonPath("$.title").isEqualTo("Service Unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").isEqualTo("The monitoring service is not reachable")
                .jsonPath("$.instance").isEqualTo("/api/v1/monitoring/drift/iris")
                .jsonPath("$.requestId").isEqualTo("down-1")
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void aServiceWhoseHostDoesNotResolveIsA503Problem() {
        client.get().uri("/api/v1/registry/models").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://vishwaops.io/problems/service-unavailable")
                .jsonPath("$.detail").isEqualTo("The registry service is not reachable");
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsA504Problem() {
        client.get().uri("/api/v1/models/iris?delayMs=3000").exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://vishwaops.io/problems/gateway-timeout")
                .jsonPath("$.status").isEqualTo(504)
                .jsonPath("$.detail").isEqualTo("The serving service did not answer in time")
                .jsonPath("$.requestId").exists();
    }

    @Test
    void recordsSentToADatasetHaveTheUploadTimeoutAndOtherIngestionRequestsTheUsualOne() {
        // an upload the backend takes 2 s to accept: longer than the response timeout, within the upload timeout
        client.post().uri("/api/v1/datasets/students/records?delayMs=2000").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("a,b\n1,2\n").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Stub-Service", "ingestion");
        client.get().uri("/api/v1/datasets/students?delayMs=2000").exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("The ingestion service did not answer in time");
        // and an upload still ends, at its own timeout, naming the service
        client.post().uri("/api/v1/datasets/students/records?delayMs=6000").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("a,b\n1,2\n").exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("The ingestion service did not answer in time");
    }

    @Test
    void healthyServicesStillAnswer() {
        client.get().uri("/api/v1/models/iris?delayMs=100").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Stub-Service", "serving");
    }
}

package io.vishwaops.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import io.vishwaops.gateway.routing.Role;
import io.vishwaops.gateway.security.ApiKeys;

/** A burst beyond a key's allowance is a 429 problem with Retry-After; other keys are not held back by it. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "vops.security.identity-secret=" + GatewaySecurityTests.SECRET,
    "vops.security.rate-limit.burst=5",
    // one token in 1,000 s: none comes back while the test runs, even if a request waits for an answer
    "vops.security.rate-limit.per-second=0.001" })
@AutoConfigureWebTestClient
class RateLimitTests {

    private static final Map<Backend, StubBackend> STUBS = new EnumMap<>(Backend.class);

    static {
        for (Backend backend : Backend.values()) {
            STUBS.put(backend, StubBackend.start(backend.id()));
        }
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) throws Exception {
        STUBS.forEach((backend, stub) -> registry.add("vops.gateway.services." + backend.id(), () -> stub.uri().toString()));
        String file = Files.createTempDirectory("vops-keys").resolve("api-keys.json").toString();
        registry.add("vops.security.api-keys-file", () -> file);
    }

    @AfterAll
    static void stop() {
        STUBS.values().forEach(StubBackend::close);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private ApiKeys apiKeys;

    @Test
    void aBurstBeyondTheAllowanceIsRefusedWith429() {
        client = PatientClients.of(client);
        int resentBefore = PatientClients.resends();
        String greedy = apiKeys.create("greedy-app", Set.of(Role.APP), null, "test").block().secret();
        String patient = apiKeys.create("patient-app", Set.of(Role.APP), null, "test").block().secret();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(client.post().uri("/v2/models/iris/infer").header("X-Api-Key", greedy).exchange()
                    .returnResult(String.class).getStatus().value());
        }
        // the allowance, then refusals: five 200s and three 429s, unless a request that got no answer was sent
        // again (the gateway then counted it twice, and the burst ends that much earlier)
        int resent = PatientClients.resends() - resentBefore;
        int allowed = statuses.indexOf(429);
        assertThat(allowed).as(statuses.toString()).isBetween(5 - resent, 5);
        assertThat(statuses.subList(0, allowed)).containsOnly(200);
        assertThat(statuses.subList(allowed, 8)).containsOnly(429);

        client.post().uri("/v2/models/iris/infer").header("X-Api-Key", greedy).exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueMatches("Retry-After", "[1-9][0-9]*")
                .expectHeader().doesNotExist("X-Stub-Service")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://vishwaops.io/problems/rate-limited")
                .jsonPath("$.requestId").exists();

        client.post().uri("/v2/models/iris/infer").header("X-Api-Key", patient).exchange().expectStatus().isOk();
    }
}

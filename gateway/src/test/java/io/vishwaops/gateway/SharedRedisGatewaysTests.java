package io.vishwaops.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.vishwaops.gateway.routing.Backend;
import io.vishwaops.gateway.routing.Role;
import io.vishwaops.gateway.security.ApiKeys;

/**
 * Two gateway replicas on one real Redis: one rate-limit bucket per caller however the caller's requests are spread
 * over the replicas, and one set of API keys, so a key created on one is honoured by the other and a key revoked on
 * one is refused by the other from the next request on. The first admin key is the operator's, given as a hash.
 */
class SharedRedisGatewaysTests {

    static final String BOOTSTRAP_KEY = "vops_bootstrap_shared-gateways-test-secret";

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private static final Map<Backend, StubBackend> STUBS = new EnumMap<>(Backend.class);

    private static TestGateway a;

    private static TestGateway b;

    @BeforeAll
    static void start() {
        for (Backend backend : Backend.values()) {
            STUBS.put(backend, StubBackend.start(backend.id()));
        }
        String[] cluster = {
            "vops.security.redis.url=" + REDIS.url(),
            "vops.security.rate-limit.store=redis",
            "vops.security.api-keys.store=redis",
            "vops.security.bootstrap-admin-key-hash=" + sha256(BOOTSTRAP_KEY),
            // six requests, then (practically) none: the refill is far slower than the test
            "vops.security.rate-limit.burst=6",
            "vops.security.rate-limit.per-second=0.01" };
        a = TestGateway.start(STUBS, cluster);
        b = TestGateway.start(STUBS, cluster);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        STUBS.values().forEach(StubBackend::close);
    }

    @Test
    void aBurstSplitAcrossTwoGatewaysIsLimitedAsOne() {
        String key = a.bean(ApiKeys.class).create("split-app", Set.of(Role.APP), null, "test").block().secret();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(infer((i % 2 == 0 ? a : b).client(), key));
        }
        assertThat(statuses).as("six requests, three through each gateway, spend the burst of six").containsOnly(200);

        // each gateway on its own would still have three tokens left for this caller
        a.client().post().uri("/v2/models/iris/infer").header("X-Api-Key", key).exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueMatches("Retry-After", "[1-9][0-9]*")
                .expectBody().jsonPath("$.type").isEqualTo("https://vishwaops.io/problems/rate-limited");
        assertThat(infer(b.client(), key)).isEqualTo(429);
    }

    @Test
    void aKeyCreatedOnOneGatewayWorksOnTheOtherAndRevokedThereIsRefusedByTheFirst() {
        String created = a.client().post().uri("/api/v1/admin/api-keys").header("X-Api-Key", BOOTSTRAP_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"churn-app\", \"roles\": [\"app\"]}")
                .exchange()
                .expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody();
        String id = created.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        String key = created.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");

        assertThat(infer(b.client(), key)).as("created on A, used on B").isEqualTo(200);
        b.client().get().uri("/api/v1/admin/api-keys").header("X-Api-Key", BOOTSTRAP_KEY).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.id == '" + id + "')].name").isEqualTo("churn-app");

        b.client().delete().uri("/api/v1/admin/api-keys/{id}", id).header("X-Api-Key", BOOTSTRAP_KEY).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.revokedAt").exists();

        a.client().post().uri("/v2/models/iris/infer").header("X-Api-Key", key).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://vishwaops.io/problems/unauthenticated");
    }

    @Test
    void theOperatorsBootstrapKeyIsAnAdminKeyOnEveryGatewayAndOnlyTheRightKeyWorks() {
        for (TestGateway gateway : List.of(a, b)) {
            gateway.client().get().uri("/api/v1/admin/api-keys").header("X-Api-Key", BOOTSTRAP_KEY).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$[?(@.id == 'bootstrap')].roles[0]").isEqualTo("admin");
            gateway.client().get().uri("/api/v1/admin/api-keys").header("X-Api-Key", BOOTSTRAP_KEY + "x").exchange()
                    .expectStatus().isUnauthorized();
        }
    }

    private static int infer(WebTestClient client, String key) {
        return client.post().uri("/v2/models/iris/infer").header("X-Api-Key", key).exchange()
                .returnResult(String.class).getStatus().value();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

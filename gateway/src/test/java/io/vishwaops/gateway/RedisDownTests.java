package io.vishwaops.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
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
 * What each setting does when the Redis behind the gateways goes away: rate limits fall back to a bucket in the
 * gateway's memory (the default, counted in a metric) or refuse with 503 ({@code when-redis-down=closed}); calls
 * with an API key kept in Redis get a 503 problem, never a 401 that would tell a valid caller their key is bad.
 */
class RedisDownTests {

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private static final Map<Backend, StubBackend> STUBS = new EnumMap<>(Backend.class);

    private static final List<TestGateway> GATEWAYS = new ArrayList<>();

    private static TestGateway fallingBackToMemory;

    private static TestGateway closed;

    private static TestGateway keysInRedis;

    @BeforeAll
    static void start() throws IOException {
        for (Backend backend : Backend.values()) {
            STUBS.put(backend, StubBackend.start(backend.id()));
        }
        String redis = "vops.security.redis.url=" + REDIS.url();
        fallingBackToMemory = start(redis, "vops.security.rate-limit.store=redis", "vops.security.rate-limit.burst=3",
                "vops.security.rate-limit.per-second=0.01", keyFile());
        closed = start(redis, "vops.security.rate-limit.store=redis", "vops.security.rate-limit.when-redis-down=closed",
                keyFile());
        keysInRedis = start(redis, "vops.security.api-keys.store=redis");
    }

    private static TestGateway start(String... properties) {
        TestGateway gateway = TestGateway.start(STUBS, properties);
        GATEWAYS.add(gateway);
        return gateway;
    }

    private static String keyFile() throws IOException {
        return "vops.security.api-keys-file=" + Files.createTempDirectory("vops-keys").resolve("api-keys.json");
    }

    @AfterAll
    static void stop() {
        GATEWAYS.forEach(TestGateway::close);
        STUBS.values().forEach(StubBackend::close);
    }

    @Test
    void withoutRedisEachSettingTakesItsFallback() throws InterruptedException {
        String memoryKey = fallingBackToMemory.bean(ApiKeys.class).create("app", Set.of(Role.APP), null, "test").block().secret();
        String closedKey = closed.bean(ApiKeys.class).create("app", Set.of(Role.APP), null, "test").block().secret();
        String redisKey = keysInRedis.bean(ApiKeys.class).create("app", Set.of(Role.APP), null, "test").block().secret();
        // all is well while Redis is up; the first call spends one of three tokens in Redis
        assertThat(infer(fallingBackToMemory.client(), memoryKey)).isEqualTo(200);
        assertThat(infer(closed.client(), closedKey)).isEqualTo(200);
        assertThat(infer(keysInRedis.client(), redisKey)).isEqualTo(200);

        REDIS.stop();

        // a fresh bucket of three in the gateway's memory: three calls pass, the fourth is limited
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(infer(fallingBackToMemory.client(), memoryKey));
        }
        assertThat(statuses).containsExactly(200, 200, 200, 429);
        String metrics = fallingBackToMemory.client().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).containsPattern("vops_gateway_rate_limit_fallback_total\\{[^}]*when_redis_down=\"memory\"[^}]*} 4\\.0");

        closed.client().post().uri("/v2/models/iris/infer").header("X-Api-Key", closedKey).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist("X-Stub-Service")
                .expectBody().jsonPath("$.type").isEqualTo("https://vishwaops.io/problems/security-store-unavailable");

        keysInRedis.client().post().uri("/v2/models/iris/infer").header("X-Api-Key", redisKey).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://vishwaops.io/problems/security-store-unavailable")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).doesNotContain(redisKey));
    }

    private static int infer(WebTestClient client, String key) {
        return client.post().uri("/v2/models/iris/infer").header("X-Api-Key", key).exchange()
                .returnResult(String.class).getStatus().value();
    }
}

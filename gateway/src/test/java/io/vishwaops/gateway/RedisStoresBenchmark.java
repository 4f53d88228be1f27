package io.vishwaops.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.vishwaops.gateway.routing.Backend;
import io.vishwaops.gateway.routing.Role;
import io.vishwaops.gateway.security.ApiKeys;

/**
 * What the Redis stores cost a request (docs/benchmarks.md, "Gateway: Redis stores"): the same routed call with an
 * API key through three gateways in one run, on a real local Redis: the memory and file stores as before request
 * ids reached the log lines (Reactor's context propagation {@code limited}), the same with {@code auto} (the
 * default now), and both stores in Redis (a Lua token bucket and a key read per request). Latency one request at a
 * time, interleaved over rounds so that a busy moment of the machine hits every gateway alike; then throughput
 * with 16 concurrent callers. Not part of the test suite: {@code bench/gateway-redis-stores.sh} runs it.
 */
class RedisStoresBenchmark {

    private static final int REQUESTS = Integer.getInteger("bench.requests", 5_000);
    private static final int ROUNDS = 5;
    private static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void memoryAndFileStoresAgainstRedisStores() throws Exception {
        Map<Backend, StubBackend> stubs = new EnumMap<>(Backend.class);
        for (Backend backend : Backend.values()) {
            stubs.put(backend, StubBackend.start(backend.id()));
        }
        String[] common = {"vops.security.rate-limit.burst=1000000000", "vops.security.rate-limit.per-second=1000000",
            "vops.security.redis.url=" + REDIS.url(), "logging.level.root=WARN"};
        Map<String, TestGateway> gateways = new LinkedHashMap<>();
        try {
            gateways.put("memory + file stores, context propagation limited",
                    start(stubs, common, keyFile(), "spring.reactor.context-propagation=limited"));
            gateways.put("memory + file stores (request id in the MDC)", start(stubs, common, keyFile()));
            gateways.put("redis + redis stores (request id in the MDC)",
                    start(stubs, common, "vops.security.rate-limit.store=redis", "vops.security.api-keys.store=redis"));
            Map<String, HttpRequest> requests = new LinkedHashMap<>();
            gateways.forEach((name, gateway) -> {
                String key = gateway.bean(ApiKeys.class).create("bench", Set.of(Role.APP), null, "bench").block().secret();
                requests.put(name, HttpRequest.newBuilder(URI.create(gateway.uri() + "/v2/models/iris/infer"))
                        .header("X-Api-Key", key).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            });

            Map<String, List<Long>> nanos = new LinkedHashMap<>();
            for (HttpRequest request : requests.values()) {
                latencies(request, REQUESTS / 5);
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (var entry : requests.entrySet()) {
                    nanos.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).addAll(latencies(entry.getValue(), REQUESTS / ROUNDS));
                }
            }
            for (var entry : requests.entrySet()) {
                long[] sorted = nanos.get(entry.getKey()).stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf("BENCH %s: p50 %.2f ms, p99 %.2f ms, %.0f requests/s with 16 callers%n", entry.getKey(),
                        ms(sorted, 0.50), ms(sorted, 0.99), throughput(entry.getValue()));
            }
        }
        finally {
            gateways.values().forEach(TestGateway::close);
            stubs.values().forEach(StubBackend::close);
        }
    }

    private static TestGateway start(Map<Backend, StubBackend> stubs, String[] common, String... more) {
        List<String> properties = new ArrayList<>(List.of(common));
        properties.addAll(List.of(more));
        return TestGateway.start(stubs, properties.toArray(String[]::new));
    }

    private static String keyFile() throws IOException {
        return "vops.security.api-keys-file=" + Files.createTempDirectory("vops-bench").resolve("api-keys.json");
    }

    private List<Long> latencies(HttpRequest request, int count) throws Exception {
        List<Long> nanos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            nanos.add(System.nanoTime() - start);
            assertThat(response.statusCode()).isEqualTo(200);
        }
        return nanos;
    }

    private double throughput(HttpRequest request) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + LOAD.toNanos();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 16; c++) {
                callers.submit(() -> {
                    while (System.nanoTime() < end) {
                        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            done.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        return done.get() / (double) LOAD.toSeconds();
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1e6;
    }
}

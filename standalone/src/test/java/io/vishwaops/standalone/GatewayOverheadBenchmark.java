package io.vishwaops.standalone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.vishwaops.identity.CallerIdentity;
import io.vishwaops.identity.SignedIdentity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the gateway adds with authentication on (docs/benchmarks.md): the same request, reading a dataset
 * definition from ingestion, sent through the gateway with an API key and straight to ingestion with the signed
 * identity the gateway would have added, in the same run. Latency one request at a time, throughput with 16
 * concurrent callers. The per-key rate limit is raised out of the way; authentication, the role check, request
 * ids, signing and verification all run. Not part of the test suite: {@code bench/gateway-overhead.sh} runs it.
 */
class GatewayOverheadBenchmark {

    /** Deleted afterwards: a million-record run leaves gigabytes of Kafka log and PostgreSQL files. */
    @org.junit.jupiter.api.io.TempDir
    Path dataDir;

    private static final int REQUESTS = Integer.getInteger("bench.requests", 5_000);
    private static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void gatewayWithAuthenticationAgainstTheServiceDirectly() throws Exception {
        // the per-key rate limit would otherwise be what is measured
        System.setProperty("vops.security.rate-limit.per-second", "1000000");
        System.setProperty("vops.security.rate-limit.burst", "1000000");
        var options = FreePorts.options(dataDir);
        try (StandalonePlatform platform = StandalonePlatform.start(options)) {
            var admin = PlatformHttp.admin(platform);
            assertThat(admin.post("/api/v1/datasets", "application/json",
                    "{\"name\":\"bench\",\"columns\":[{\"name\":\"x\",\"type\":\"numeric\"}]}").statusCode()).isEqualTo(201);
            String key = admin.apiKey();
            var signer = SignedIdentity.fromBase64(platform.identitySecret());
            var caller = new CallerIdentity("bench", Set.of("admin"));
            URI viaGateway = URI.create("http://localhost:" + options.gatewayPort() + "/api/v1/datasets/bench");
            URI direct = URI.create("http://localhost:" + (options.gatewayPort() + 1) + "/api/v1/datasets/bench");

            Supplier<HttpRequest> gateway = () -> HttpRequest.newBuilder(viaGateway).header("X-Api-Key", key).build();
            Supplier<HttpRequest> service = () -> {
                String requestId = UUID.randomUUID().toString();
                return HttpRequest.newBuilder(direct).header("X-Request-Id", requestId)
                        .header(SignedIdentity.HEADER, signer.sign(caller, Instant.now().plusSeconds(30), requestId))
                        .build();
            };
            latencies(service, REQUESTS / 2);
            latencies(gateway, REQUESTS / 2);

            long[] viaService = latencies(service, REQUESTS);
            long[] viaGatewayNs = latencies(gateway, REQUESTS);
            double serviceRate = throughput(service);
            double gatewayRate = throughput(gateway);

            System.out.printf("BENCH direct to ingestion (signed identity): p50 %.2f ms, p99 %.2f ms, %.0f requests/s with 16 callers%n",
                    ms(viaService, 0.50), ms(viaService, 0.99), serviceRate);
            System.out.printf("BENCH through the gateway (API key): p50 %.2f ms, p99 %.2f ms, %.0f requests/s with 16 callers%n",
                    ms(viaGatewayNs, 0.50), ms(viaGatewayNs, 0.99), gatewayRate);
            System.out.printf("BENCH gateway adds p50 %.2f ms, p99 %.2f ms; throughput %.0f%% of direct%n",
                    ms(viaGatewayNs, 0.50) - ms(viaService, 0.50), ms(viaGatewayNs, 0.99) - ms(viaService, 0.99),
                    100 * gatewayRate / serviceRate);
        }
    }

    private long[] latencies(Supplier<HttpRequest> request, int count) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<Void> response = http.send(request.get(), HttpResponse.BodyHandlers.discarding());
            nanos[i] = System.nanoTime() - start;
            assertThat(response.statusCode()).isEqualTo(200);
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private double throughput(Supplier<HttpRequest> request) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + LOAD.toNanos();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 16; c++) {
                callers.submit(() -> {
                    while (System.nanoTime() < end) {
                        HttpResponse<Void> response = http.send(request.get(), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) {
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

package io.vishwaops.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.vishwaops.identity.CallerIdentity;
import io.vishwaops.identity.SignedIdentity;
import io.vishwaops.mlcore.bundle.InputSignature;
import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.Provenance;
import io.vishwaops.mlcore.bundle.ReferenceProfile;
import io.vishwaops.mlcore.pipeline.FeaturePipeline;
import io.vishwaops.mlcore.pipeline.InputColumn;
import io.vishwaops.mlcore.pipeline.PipelineSpec;
import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.mlcore.train.Model;
import io.vishwaops.mlcore.train.Task;
import io.vishwaops.mlcore.train.Trainers;
import io.vishwaops.mlcore.train.TrainingSet;
import io.vishwaops.testsupport.ServiceIntegrationTest;
import io.vishwaops.testsupport.load.LoadDriverProcess;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serving's numbers (docs/benchmarks.md, "Serving"): a gradient-boosting model (XGBoost, 100 trees, 3 classes, 8
 * inputs), and a logistic regression over the same inputs to show serving's own cost, answering single-row {@code POST /api/v1/models/{m}/predict} requests, measured in the same run as
 * serving's hello-world endpoint ({@code GET /api/v1/models/_ping}: the same Tomcat, filters and identity check,
 * no model), straight to serving with the signed identity the gateway would add and through a real gateway (its
 * executable jar, started here as its own process, with an API key and security on). Peak throughput with
 * closed-loop callers; then latency in an open loop at half of each peak, timed from when each request was due so a
 * stall counts against every request it delays. Then a batch job over a 1,000,000-row CSV. Every prediction also goes
 * to Kafka through the prediction log, as in production. Not part of the test suite: {@code bench/serving-benchmark.sh}
 * runs it.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = {"vops.security.enabled=true", "vops.security.identity-secret=" + ServingBenchmark.SECRET,
        "vops.serving.batch.results-dir=${java.io.tmpdir}/vops-serving-bench/batch", "logging.level.root=WARN"})
class ServingBenchmark {

    static final String SECRET = "c2VydmluZy1iZW5jaG1hcmstaWRlbnRpdHktc2VjcmV0LTMyYg==";
    private static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
    private static final int CALLERS = Integer.getInteger("bench.callers", 16);
    private static final int WARM_UP_SECONDS = 10;
    private static final int OPEN_WARM_UP_SECONDS = 3;
    /** Requests per second of every open loop when set: to compare two builds at the same load, not at half of each peak. */
    private static final int OPEN_RATE = Integer.getInteger("bench.openRate", 0);
    private static final int BATCH_ROWS = Integer.getInteger("bench.batchRows", 1_000_000);
    private static final String GATEWAY_JAR = System.getProperty("bench.gatewayJar", "");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> COLOURS = List.of("red", "green", "blue", "amber", "violet");

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry properties) {
        properties.add("vops.serving.registry-url", TestRegistry::url);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void singleRowPredictionsAgainstHelloWorldDirectAndThroughTheGatewayAndABatchOfAMillionRows() throws Exception {
        String model = "bench-xgb-" + System.nanoTime();
        String version = TestRegistry.champion(model, bundle(Algorithm.XGBOOST));
        // the same inputs with a model that costs almost nothing to evaluate: what serving itself costs
        String light = "bench-logistic-" + System.nanoTime();
        TestRegistry.champion(light, bundle(Algorithm.LOGISTIC_REGRESSION));
        var signer = SignedIdentity.fromBase64(SECRET);
        var caller = new CallerIdentity("bench", Set.of("admin"));
        String serving = "http://localhost:" + port;
        String row = JSON.writeValueAsString(row(new Random(99)));
        Supplier<HttpRequest.Builder> signed = () -> {
            String requestId = UUID.randomUUID().toString();
            return HttpRequest.newBuilder().header("X-Request-Id", requestId)
                    .header(SignedIdentity.HEADER, signer.sign(caller, Instant.now().plusSeconds(60), requestId));
        };
        Supplier<HttpRequest> pingDirect = () -> signed.get().uri(URI.create(serving + "/api/v1/models/_ping")).build();
        Supplier<HttpRequest> predictDirect = () -> signed.get()
                .uri(URI.create(serving + "/api/v1/models/" + model + "/predict"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(row)).build();
        HttpResponse<String> first = http.send(predictDirect.get(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("version").asString()).isEqualTo(version);
        System.out.println("BENCH answer: " + first.body());
        System.out.println("BENCH load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim());

        // the load runs from a driver in a JVM of its own (keep-alive sockets, as wrk would): its allocations and
        // collections do not pause serving, and its CPU is not serving's; each requests file holds 2,000 requests
        // the driver sends round and round, signed as the gateway would sign them
        URI direct = URI.create(serving);
        java.util.function.Function<String, Path> signedRequests = path -> {
            try {
                return LoadDriverProcess.requests(direct, 2_000, i -> {
                    String requestId = UUID.randomUUID().toString();
                    Map<String, String> headers = new java.util.LinkedHashMap<>();
                    headers.put("X-Request-Id", requestId);
                    headers.put(SignedIdentity.HEADER, signer.sign(caller, Instant.now().plusSeconds(3600), requestId));
                    if (path.endsWith("/predict")) {
                        headers.put("Content-Type", "application/json");
                        return LoadDriverProcess.Call.post(path, headers, row);
                    }
                    return LoadDriverProcess.Call.get(path, headers);
                });
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        Map<String, Path> paths = new java.util.LinkedHashMap<>();
        paths.put("hello-world direct", signedRequests.apply("/api/v1/models/_ping"));
        paths.put("predict direct", signedRequests.apply("/api/v1/models/" + model + "/predict"));
        paths.put("predict direct, logistic regression", signedRequests.apply("/api/v1/models/" + light + "/predict"));
        Process gateway = null;
        try (LoadDriverProcess driver = LoadDriverProcess.start()) {
            if (!GATEWAY_JAR.isBlank()) {
                String key = "vops_bootstrap_" + UUID.randomUUID().toString().replace("-", "");
                int gatewayPort = freePort();
                gateway = startGateway(gatewayPort, key);
                URI base = URI.create("http://localhost:" + gatewayPort);
                paths.put("hello-world via gateway", LoadDriverProcess.requests(base, 1,
                        i -> LoadDriverProcess.Call.get("/api/v1/models/_ping", Map.of("X-Api-Key", key))));
                paths.put("predict via gateway", LoadDriverProcess.requests(base, 1,
                        i -> LoadDriverProcess.Call.post("/api/v1/models/" + model + "/predict",
                                Map.of("X-Api-Key", key, "Content-Type", "application/json"), row)));
                HttpResponse<String> viaGateway = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models/"
                        + model + "/predict")).header("X-Api-Key", key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(row)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(viaGateway.statusCode()).as(viaGateway.body()).isEqualTo(200);
            }
            // the JIT was still compiling a path's code 5 s into its warm-up on this machine, so each path gets 10 s
            for (Path warm : paths.values()) {
                driver.closed(CALLERS, WARM_UP_SECONDS, warm);
            }
            Map<String, Double> peaks = new java.util.LinkedHashMap<>();
            Map<String, Double> cpu = new java.util.LinkedHashMap<>();
            for (var path : paths.entrySet()) {
                long cpuBefore = serviceCpuNanos();
                LoadDriverProcess.Throughput peak = driver.closed(CALLERS, (int) LOAD.toSeconds(), path.getValue());
                double serviceMicros = (serviceCpuNanos() - cpuBefore) / 1e3 / Math.max(1, peak.requests());
                assertThat(peak.errors()).as(path.getKey() + ": " + peak.firstError()).isZero();
                peaks.put(path.getKey(), peak.perSecond());
                cpu.put(path.getKey(), serviceMicros + peak.driverCpuMicrosPerRequest());
                System.out.printf("BENCH peak %s: %.0f requests/s (%d closed-loop callers, %d s; CPU per request: "
                        + "service JVM %.0f µs, load driver %.0f µs)%n", path.getKey(), peak.perSecond(), CALLERS,
                        LOAD.toSeconds(), serviceMicros, peak.driverCpuMicrosPerRequest());
            }
            // what the rates would be if each path had both cores to itself: steadier than the rates on a shared
            // machine (the gateway's JVM is not counted, so only the direct paths are compared this way)
            System.out.printf("BENCH by CPU per request (service JVM + driver): predict direct is %.0f%% of hello-world "
                    + "direct (logistic regression: %.0f%%)%n",
                    100 * cpu.get("hello-world direct") / cpu.get("predict direct"),
                    100 * cpu.get("hello-world direct") / cpu.get("predict direct, logistic regression"));
            System.out.printf("BENCH predict direct is %.0f%% of hello-world direct (logistic regression: %.0f%%)%n",
                    100 * peaks.get("predict direct") / peaks.get("hello-world direct"),
                    100 * peaks.get("predict direct, logistic regression") / peaks.get("hello-world direct"));
            if (peaks.containsKey("predict via gateway")) {
                System.out.printf("BENCH predict via gateway is %.0f%% of hello-world via gateway, %.0f%% of predict direct%n",
                        100 * peaks.get("predict via gateway") / peaks.get("hello-world via gateway"),
                        100 * peaks.get("predict via gateway") / peaks.get("predict direct"));
            }
            for (var path : paths.entrySet()) {
                double rate = OPEN_RATE > 0 ? OPEN_RATE : peaks.get(path.getKey()) / 2;
                // an open loop of its own first, not counted (as wrk2's calibration period): the first open loop of a
                // run had its tail set by the driver's own code being compiled, whatever the path
                driver.open(rate, OPEN_WARM_UP_SECONDS, 64, path.getValue());
                long cpuBefore = serviceCpuNanos();
                long[] gcBefore = collections();
                LoadDriverProcess.Latencies latencies = driver.open(rate, (int) LOAD.toSeconds(), 64, path.getValue());
                double serviceMicros = (serviceCpuNanos() - cpuBefore) / 1e3 / Math.max(1, latencies.requests());
                long[] gc = collections();
                assertThat(latencies.errors()).as(path.getKey() + ": " + latencies.firstError()).isZero();
                // CPU per request here against the closed loop's says whether half the peak was half the machine;
                // the collections, how much of the tail the collector's pauses explain
                System.out.printf("BENCH %s at %.0f/s (open loop, " + (OPEN_RATE > 0 ? "fixed rate" : "half its peak")
                        + ", %d s): p50 %.2f ms, p99 %.2f ms, "
                        + "max %.1f ms (%s; CPU per request: service JVM %.0f µs, load driver %.0f µs; %d collections, "
                        + "%d ms)%n", path.getKey(), rate, LOAD.toSeconds(), latencies.ms(0.50), latencies.ms(0.99),
                        latencies.maxMs(), latencies.summary(), serviceMicros, latencies.driverCpuMicrosPerRequest(),
                        gc[0] - gcBefore[0], gc[1] - gcBefore[1]);
            }
        } finally {
            if (gateway != null) {
                gateway.destroy();
                gateway.waitFor();
            }
        }
        HttpResponse<String> metrics = http.send(signed.get().uri(URI.create(serving + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        metrics.body().lines().filter(l -> l.startsWith("vops_serving_predictions_dropped_total")
                || l.startsWith("vops_serving_predictions_logged_total")
                || l.startsWith("vops_serving_predictions_send_failures_total"))
                .forEach(l -> System.out.println("BENCH " + l));
        batch(signed, serving, model);
        System.out.println("BENCH load average at end: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** Collections so far in this JVM, and the milliseconds they took. */
    private static long[] collections() {
        long count = 0;
        long millis = 0;
        for (var collector : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** CPU time of this JVM: serving, the broker it logs to, the registry stub (idle under load). */
    private static long serviceCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private Process startGateway(int gatewayPort, String key) throws Exception {
        Path dir = Files.createTempDirectory("vops-bench-gateway");
        String hash = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(StandardCharsets.UTF_8)));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx512m", "-jar", GATEWAY_JAR,
                "--server.port=" + gatewayPort,
                "--spring.autoconfigure.exclude=" + String.join(",",
                        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"),
                "--vops.messaging.enabled=false", "--vops.security.enabled=true",
                "--vops.security.identity-secret=" + SECRET,
                "--vops.security.api-keys-file=" + dir.resolve("api-keys.json"),
                "--vops.security.bootstrap-admin-key-hash=" + hash,
                // the per-key rate limit would otherwise be what is measured
                "--vops.security.rate-limit.per-second=1000000", "--vops.security.rate-limit.burst=1000000",
                "--vops.gateway.services.serving=http://localhost:" + port, "--logging.level.root=WARN"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gateway.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + gatewayPort + "/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(500);
        }
        process.destroy();
        throw new IllegalStateException("the gateway did not start: " + Files.readString(dir.resolve("gateway.log")));
    }

    private void batch(Supplier<HttpRequest.Builder> signed, String serving, String model) throws Exception {
        File csv = File.createTempFile("vops-bench-batch", ".csv");
        Random random = new Random(7);
        try (BufferedWriter out = Files.newBufferedWriter(csv.toPath())) {
            out.write("id,a,b,c,d,e,k,colour,flag\n");
            for (int i = 0; i < BATCH_ROWS; i++) {
                Map<String, Object> r = row(random);
                out.write(i + "," + r.get("a") + "," + r.get("b") + "," + r.get("c") + "," + r.get("d") + "," + r.get("e")
                        + "," + r.get("k") + "," + r.get("colour") + "," + r.get("flag") + "\n");
            }
        }
        long start = System.nanoTime();
        HttpResponse<String> submitted = http.send(signed.get()
                .uri(URI.create(serving + "/api/v1/batch-predictions?model=" + model))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(csv.toPath())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String job = JSON.readTree(submitted.body()).path("jobId").asString();
        JsonNode status;
        do {
            Thread.sleep(250);
            status = JSON.readTree(http.send(signed.get().uri(URI.create(serving + "/api/v1/batch-predictions/" + job)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } while (!status.path("status").asString().equals("SUCCEEDED") && !status.path("status").asString().equals("FAILED"));
        double wall = (System.nanoTime() - start) / 1e9;
        assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("SUCCEEDED");
        double scoring = Duration.between(Instant.parse(status.path("startedAt").asString()),
                Instant.parse(status.path("finishedAt").asString())).toMillis() / 1000.0;
        long rows = status.path("rowsScored").asLong();
        System.out.printf("BENCH batch: %,d rows scored in %.1f s (%,.0f rows/min); %.1f s from the start of the "
                + "upload to results ready (%,.0f rows/min)%n", rows, scoring, rows / scoring * 60, wall, rows / wall * 60);
        Files.deleteIfExists(csv.toPath());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, Object> row(Random random) {
        Map<String, Object> row = new HashMap<>();
        row.put("a", Math.round(random.nextGaussian() * 1000) / 100.0);
        row.put("b", Math.round(random.nextDouble() * 10000) / 100.0);
        row.put("c", Math.round(random.nextGaussian() * 500) / 100.0);
        row.put("d", Math.round(random.nextDouble() * 100) / 100.0);
        row.put("e", Math.round(random.nextGaussian() * 300) / 100.0);
        row.put("k", (long) random.nextInt(20));
        row.put("colour", COLOURS.get(random.nextInt(COLOURS.size())));
        row.put("flag", random.nextBoolean());
        return row;
    }

    /** Over five numbers, an integer, a category and a boolean; XGBoost with 100 trees is a typical tabular model. */
    private static ModelBundle bundle(Algorithm algorithm) {
        List<InputColumn> schema = List.of(InputColumn.of("a", "numeric"), InputColumn.of("b", "numeric"),
                InputColumn.of("c", "numeric"), InputColumn.of("d", "numeric"), InputColumn.of("e", "numeric"),
                InputColumn.of("k", "integer"), InputColumn.of("colour", "categorical"), InputColumn.of("flag", "boolean"));
        Random random = new Random(1);
        List<Map<String, Object>> rows = new ArrayList<>();
        int n = 5000;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = row(random);
            rows.add(r);
            double score = (double) r.get("a") + 0.05 * (double) r.get("b") - (double) r.get("c")
                    + ((String) r.get("colour")).length() * 0.3 + ((boolean) r.get("flag") ? 1 : 0)
                    + 0.1 * (long) r.get("k") + random.nextGaussian();
            labels[i] = score > 5 ? 2 : score > 2 ? 1 : 0;
        }
        FeaturePipeline pipeline = FeaturePipeline.fit(PipelineSpec.of(List.of("a", "b", "c", "d", "e", "k", "colour",
                "flag")), schema, rows);
        List<String> classes = List.of("low", "mid", "high");
        Model model = Trainers.create(algorithm, Task.MULTICLASS,
                        algorithm == Algorithm.XGBOOST ? Map.of("trees", 100) : Map.of())
                .fit(TrainingSet.classification(pipeline.transform(rows), labels, classes), 1);
        List<Object> predictions = new ArrayList<>();
        for (int label : labels) {
            predictions.add(classes.get(label));
        }
        return new ModelBundle(new InputSignature(pipeline.inputs(), "level", "categorical", classes), pipeline, model,
                ReferenceProfile.of(pipeline, rows, predictions, 1000, 1),
                new Provenance("bench", "{}", "bench", null, null, null, algorithm.name().toLowerCase(), Map.of(), 1,
                        Provenance.currentVersions(), Instant.now()), Map.of());
    }
}

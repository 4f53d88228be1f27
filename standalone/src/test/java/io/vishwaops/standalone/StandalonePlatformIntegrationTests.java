package io.vishwaops.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.List;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform in-process, used only through the gateway as a user would: a record goes in,
 * travels ingestion → validation → features over the real broker, comes back out, and is still
 * there after the platform stopped and started again on the same data directory. Security is on, as it is
 * by default: the admin key printed at the first start still works after the restart, and the services
 * refuse calls that did not come through the gateway.
 */
class StandalonePlatformIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();


    @TempDir
    Path dataDir;

    /** The admin key the platform created at its first start. */
    private String adminKey;

    @Test
    void recordRoundTripThroughTheGatewaySurvivesARestart() throws Exception {
        StandaloneOptions options = FreePorts.options(dataDir);
        String recordId;
        String gateway = "http://localhost:" + options.gatewayPort();

        try (StandalonePlatform platform = StandalonePlatform.start(options)) {
            adminKey = platform.firstAdminKey().orElseThrow();
            assertThat(Files.readString(dataDir.resolve("gateway/api-keys.json"))).doesNotContain(adminKey);
            HttpResponse<String> status = anonymous(gateway + "/api/v1/platform/status");
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
            assertThat(JSON.readTree(status.body()).get("security").get("enabled").asBoolean()).isTrue();
            JsonNode services = JSON.readTree(status.body()).get("services");
            assertThat(services).hasSize(7);
            assertThat(services).allSatisfy(s -> assertThat(s.get("status").asString()).isEqualTo("UP"));

            for (PlatformService service : PlatformService.values()) {
                assertServiceConventions(service, "http://localhost:" + service.port(options.gatewayPort()));
            }

            HttpResponse<String> defined = post(gateway + "/api/v1/datasets", """
                    {"name": "student-por", "columns": [
                      {"name": "school", "type": "categorical", "nullable": false, "allowedValues": ["GP", "MS"]},
                      {"name": "age", "type": "integer", "nullable": false, "min": 15, "max": 22},
                      {"name": "G3", "type": "integer", "nullable": false, "min": 0, "max": 20}],
                     "target": "G3", "task": "regression"}""");
            assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);

            recordId = ingest(gateway, "{\"school\":\"GP\",\"age\":17,\"G3\":14}");
            JsonNode stored = awaitRecord(gateway, recordId);
            assertThat(stored.get("values").get("G3").asInt()).isEqualTo(14);
            assertThat(stored.get("values").get("school").asString()).isEqualTo("GP");

            HttpResponse<String> malformed = post(gateway + "/api/v1/datasets/student-por/records", "{\"school\": ");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(malformed.body()).get("type").asString())
                    .isEqualTo("https://vishwaops.io/problems/invalid-request");
            assertThat(malformed.body()).doesNotContain("Exception");

            HttpResponse<String> unknown = get(gateway + "/api/v1/nothing-here");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");

            assertCallersAreChecked(gateway, options);
        }

        assertThat(postgresProcessesFor(dataDir)).as("postgres processes left after stop").isZero();

        try (StandalonePlatform platform = StandalonePlatform.start(options)) {
            assertThat(platform.firstAdminKey()).as("the admin key is created and shown once only").isEmpty();
            JsonNode survived = awaitRecord(gateway, recordId);
            assertThat(survived.get("values").get("age").asInt()).isEqualTo(17);

            String second = ingest(gateway, "{\"school\":\"MS\",\"age\":18,\"G3\":9}");
            assertThat(awaitRecord(gateway, second).get("values").get("G3").asInt()).isEqualTo(9);
        }
        assertThat(postgresProcessesFor(dataDir)).isZero();
    }

    /** Roles at the gateway, and no way around the gateway to a service. */
    private void assertCallersAreChecked(String gateway, StandaloneOptions options) throws Exception {
        HttpResponse<String> nobody = anonymous(gateway + "/api/v1/datasets");
        assertThat(nobody.statusCode()).isEqualTo(401);
        assertThat(nobody.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> created = post(gateway + "/api/v1/admin/api-keys", "{\"name\": \"reader\", \"roles\": [\"viewer\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        PlatformHttp viewer = new PlatformHttp(gateway, JSON.readTree(created.body()).get("key").asString());
        assertThat(viewer.get("/api/v1/datasets/student-por").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = viewer.post("/api/v1/datasets/student-por/records", "application/json", "[]");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("type").asString()).isEqualTo("https://vishwaops.io/problems/forbidden");

        // a caller inside the network who skips the gateway, with or without a claimed identity
        String ingestion = "http://localhost:" + PlatformService.INGESTION.port(options.gatewayPort());
        HttpResponse<String> claimed = send(HttpRequest.newBuilder(URI.create(ingestion + "/api/v1/datasets"))
                .header("X-Vops-User", "admin").header("X-Vops-Roles", "admin")
                .header("X-Vops-Identity", "v1.YWRtaW4.admin.9999999999.AAAA"));
        for (HttpResponse<String> direct : List.of(anonymous(ingestion + "/api/v1/datasets"), claimed)) {
            assertThat(direct.statusCode()).isEqualTo(401);
            assertThat(direct.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(direct.body()).get("type").asString())
                    .isEqualTo("https://vishwaops.io/problems/unauthenticated");
        }
    }

    /** What every service promises ops: probes, Prometheus, OpenAPI open; anything else only through the gateway. */
    private void assertServiceConventions(PlatformService service, String base) throws Exception {
        String name = service.key() + "-service";
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> health = anonymous(base + probe);
            assertThat(health.statusCode()).as(name + probe).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).get("status").asString()).isEqualTo("UP");
        }
        HttpResponse<String> metrics = anonymous(base + "/actuator/prometheus");
        assertThat(metrics.statusCode()).as(name + " prometheus").isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"" + name + "\"", "jvm_threads_live_threads");
        HttpResponse<String> openApi = anonymous(base + "/v3/api-docs");
        assertThat(openApi.statusCode()).as(name + " openapi").isEqualTo(200);
        assertThat(JSON.readTree(openApi.body()).get("openapi").asString()).startsWith("3.");
        HttpResponse<String> unknown = anonymous(base + "/no-such-endpoint");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    /** Ingests one record, waits until validation judged its batch, and returns the record id. */
    private String ingest(String gateway, String record) throws Exception {
        HttpResponse<String> accepted = post(gateway + "/api/v1/datasets/student-por/records", "[" + record + "]");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode receipt = JSON.readTree(accepted.body());
        assertThat(receipt.get("accepted").asInt()).isEqualTo(1);
        String batch = gateway + "/api/v1/ingestions/" + receipt.get("batchId").asString();
        JsonNode status = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> JSON.readTree(get(batch).body()), s -> "complete".equals(s.get("status").asString()));
        assertThat(status.get("received").asInt()).isEqualTo(1);
        assertThat(status.get("valid").asInt()).isEqualTo(1);
        assertThat(status.get("quarantined").asInt()).isZero();
        return receipt.get("recordIds").get(0).asString();
    }

    private JsonNode awaitRecord(String gateway, String recordId) {
        String url = gateway + "/api/v1/features/student-por/records/" + recordId;
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    HttpResponse<String> response = get(url);
                    return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.<JsonNode>empty();
                }, Optional::isPresent)
                .orElseThrow();
    }

    private HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", adminKey));
    }

    private HttpResponse<String> post(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", adminKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> anonymous(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static long postgresProcessesFor(Path dataDir) {
        String dir = dataDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(dir)).orElse(false))
                .count();
    }
}

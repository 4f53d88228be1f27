package io.vishwaops.registry.model;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.vishwaops.contracts.Topics;
import io.vishwaops.registry.RegistryHttp;
import io.vishwaops.testsupport.KafkaProbe;
import io.vishwaops.testsupport.ServiceIntegrationTest;
import io.vishwaops.testsupport.SharedInfrastructure;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class ModelRegistryIntegrationTests {

    private static final String MLFLOW = "/api/2.0/mlflow";

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());
    private RegistryHttp http;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        http = new RegistryHttp(port, "ana", null);
    }

    @Test
    void fiftyConcurrentRegistrationsGetNumbersOneToFiftyWithoutGapOrDuplicate() throws Exception {
        String model = model();
        List<Callable<String>> registrations = IntStream.range(0, 50).<Callable<String>>mapToObj(i -> () -> {
            HttpResponse<String> response = http.post(MLFLOW + "/model-versions/create",
                    "{\"name\":\"" + model + "\",\"source\":\"s3://bucket/model-" + i + "\"}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return RegistryHttp.json(response).at("/model_version/version").asString();
        }).toList();
        List<Integer> versions = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            for (Future<String> version : pool.invokeAll(registrations)) {
                versions.add(Integer.valueOf(version.get()));
            }
        }
        assertThat(versions).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 50).boxed().toList());
        assertThat(kafka.awaitContaining(Topics.MODEL_EVENTS, "\"model\":\"" + model + "\"", 50, Duration.ofSeconds(60)))
                .hasSize(50).allSatisfy(event -> assertThat(event).contains("\"type\":\"model-version.registered\""));
    }

    @Test
    void twoSimultaneousConditionalMovesOfOneAliasOneWinsTheOtherGets409WithTheCurrentVersion() throws Exception {
        String model = model();
        version(model);
        version(model);
        version(model);
        assertThat(moveAlias(model, "champion", "1", null).statusCode()).isEqualTo(200);

        CyclicBarrier start = new CyclicBarrier(2);
        List<Callable<HttpResponse<String>>> moves = List.of("2", "3").stream()
                .<Callable<HttpResponse<String>>>map(target -> () -> {
                    start.await();
                    return moveAlias(model, "champion", target, "1");
                }).toList();
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (Future<HttpResponse<String>> answer : pool.invokeAll(moves)) {
                answers.add(answer.get());
            }
        }
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
        HttpResponse<String> won = answers.stream().filter(a -> a.statusCode() == 200).findFirst().orElseThrow();
        HttpResponse<String> lost = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
        String winner = RegistryHttp.json(won).get("version").asString();
        JsonNode problem = RegistryHttp.json(lost);
        assertThat(lost.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(problem.get("type").asString()).isEqualTo("https://vishwaops.io/problems/conflict");
        assertThat(problem.get("currentVersion").asString()).isEqualTo(winner);
        assertThat(problem.get("detail").asString()).contains("version " + winner, "not version 1");

        JsonNode target = RegistryHttp.json(http.get("/api/v1/registry/models/" + model + "/aliases/champion"));
        assertThat(target.get("version").asString()).isEqualTo(winner);
        List<String> events = kafka.awaitContaining(Topics.MODEL_EVENTS,
                "\"model\":\"" + model + "\",\"alias\":\"champion\",\"previousVersion\":\"1\"", 1, Duration.ofSeconds(30));
        assertThat(events).singleElement().satisfies(e -> assertThat(e).contains("\"version\":\"" + winner + "\""));
    }

    @Test
    void historyAnswersWhichVersionHeldAnAliasAtAnyMoment() throws Exception {
        String model = model();
        version(model);
        version(model);
        Instant before = Instant.now();
        Thread.sleep(20);
        moveAlias(model, "champion", "1", null);
        Thread.sleep(20);
        Instant whileOne = Instant.now();
        Thread.sleep(20);
        moveAlias(model, "champion", "2", "1");

        String base = "/api/v1/registry/models/" + model + "/aliases/champion";
        assertThat(RegistryHttp.json(http.get(base + "/at?time=" + before)).get("version").isNull()).isTrue();
        assertThat(RegistryHttp.json(http.get(base + "/at?time=" + whileOne)).get("version").asString()).isEqualTo("1");
        assertThat(RegistryHttp.json(http.get(base + "/at?time=" + Instant.now())).get("version").asString()).isEqualTo("2");
        JsonNode history = RegistryHttp.json(http.get(base + "/history"));
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(1).get("previousVersion").asString()).isEqualTo("1");
        assertThat(history.get(1).get("changedBy").asString()).isEqualTo("ana");
    }

    @Test
    void aGuardedAliasMovesOnlyWhenAnotherUserWithTheApproverRoleApproves() {
        String model = model();
        version(model);
        version(model);
        moveAlias(model, "champion", "1", null);
        String base = "/api/v1/registry/models/" + model + "/aliases/champion";
        assertThat(http.put(base + "/policy", "{\"requiresApproval\":true}").statusCode()).isEqualTo(200);

        HttpResponse<String> direct = moveAlias(model, "champion", "2", "1");
        assertThat(direct.statusCode()).isEqualTo(403);
        assertThat(http.post(MLFLOW + "/registered-models/alias",
                "{\"name\":\"" + model + "\",\"alias\":\"champion\",\"version\":\"2\"}").statusCode()).isEqualTo(403);

        RegistryHttp alice = http.as("alice", "approver");
        HttpResponse<String> requested = alice.post(base + "/moves", "{\"version\":\"2\",\"reason\":\"better f1\"}");
        assertThat(requested.statusCode()).isEqualTo(202);
        String id = RegistryHttp.json(requested).get("id").asString();

        HttpResponse<String> selfApproval = alice.post("/api/v1/registry/approvals/" + id + "/approve", "{}");
        assertThat(selfApproval.statusCode()).isEqualTo(403);
        assertThat(RegistryHttp.json(selfApproval).get("detail").asString()).contains("four eyes");
        assertThat(http.as("bob", "viewer").post("/api/v1/registry/approvals/" + id + "/approve", "{}").statusCode())
                .isEqualTo(403);
        assertThat(RegistryHttp.json(http.get(base)).get("version").asString()).isEqualTo("1");

        HttpResponse<String> approved = http.as("carol", "viewer,approver")
                .post("/api/v1/registry/approvals/" + id + "/approve", "{\"reason\":\"checked the report\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(RegistryHttp.json(approved).get("status").asString()).isEqualTo("APPROVED");
        assertThat(RegistryHttp.json(approved).get("decidedBy").asString()).isEqualTo("carol");
        assertThat(RegistryHttp.json(http.get(base)).get("version").asString()).isEqualTo("2");
        assertThat(http.as("dave", "approver").post("/api/v1/registry/approvals/" + id + "/reject", "{}").statusCode())
                .isEqualTo(409);

        JsonNode audit = RegistryHttp.json(http.get("/api/v1/registry/audit?entityType=model-alias&entityId=" + model
                + "@champion&action=alias.moved"));
        assertThat(audit.size()).isEqualTo(2);
        JsonNode move = audit.get(1);
        assertThat(move.get("actor").asString()).isEqualTo("carol");
        assertThat(move.at("/before/version").asString()).isEqualTo("1");
        assertThat(move.at("/after/version").asString()).isEqualTo("2");
        assertThat(move.get("reason").asString()).contains("requested by alice", "better f1", "approved by carol");
    }

    @Test
    void lineageAndModelCardFollowTheVersionBackToSnapshotAndBatches() {
        String experiment = RegistryHttp.json(http.post(MLFLOW + "/experiments/create",
                "{\"name\":\"lineage-" + System.nanoTime() + "\"}")).get("experiment_id").asString();
        String snapshot = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
        String runId = RegistryHttp.json(http.post(MLFLOW + "/runs/create", "{\"experiment_id\":\"" + experiment
                + "\",\"tags\":[{\"key\":\"vops.snapshot.sha256\",\"value\":\"" + snapshot + "\"},"
                + "{\"key\":\"vops.dataset\",\"value\":\"student-por\"},{\"key\":\"vops.pipeline\",\"value\":\"student-pass\"},"
                + "{\"key\":\"vops.ingestion.batches\",\"value\":\"b1, b2\"}]}")).at("/run/info/run_id").asString();
        http.post(MLFLOW + "/runs/log-batch", "{\"run_id\":\"" + runId + "\",\"metrics\":[{\"key\":\"f1\",\"value\":0.91,"
                + "\"timestamp\":1,\"step\":0}],\"params\":[{\"key\":\"algorithm\",\"value\":\"xgboost\"}]}");
        byte[] bundle = "a fitted model bundle".getBytes();
        HttpResponse<byte[]> uploaded = http.putBytes("/api/v1/registry/runs/" + runId + "/artifacts/model.bundle", bundle);
        assertThat(uploaded.statusCode()).isEqualTo(201);
        String sha = RegistryHttp.json(uploaded.body()).get("sha256").asString();
        String model = model();
        http.post(MLFLOW + "/model-versions/create", "{\"name\":\"" + model + "\",\"source\":\"runs:/" + runId
                + "/model.bundle\",\"run_id\":\"" + runId + "\"}");
        moveAlias(model, "champion", "1", null);

        JsonNode target = RegistryHttp.json(http.get("/api/v1/registry/models/" + model + "/aliases/champion"));
        assertThat(target.get("artifactSha256").asString()).isEqualTo(sha);
        assertThat(target.get("snapshotSha256").asString()).isEqualTo(snapshot);
        HttpResponse<byte[]> download = http.getBytes(target.get("artifactUri").asString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bundle);
        assertThat(download.headers().firstValue("X-Vops-Sha256")).hasValue(sha);

        JsonNode lineage = RegistryHttp.json(http.get("/api/v1/registry/models/" + model + "/versions/1/lineage"));
        assertThat(lineage.at("/run/runId").asString()).isEqualTo(runId);
        assertThat(lineage.at("/run/metrics/f1").asDouble()).isEqualTo(0.91);
        assertThat(lineage.at("/pipeline/name").asString()).isEqualTo("student-pass");
        assertThat(lineage.at("/snapshot/sha256").asString()).isEqualTo(snapshot);
        assertThat(lineage.at("/snapshot/dataset").asString()).isEqualTo("student-por");
        assertThat(lineage.get("ingestionBatches").toString()).isEqualTo("[\"b1\",\"b2\"]");
        assertThat(lineage.at("/model/artifactSha256").asString()).isEqualTo(sha);

        JsonNode registered = RegistryHttp.json(kafka.awaitContaining(Topics.MODEL_EVENTS, "\"model\":\"" + model + "\",\"version\":\"1\"",
                1, Duration.ofSeconds(30)).getFirst());
        assertThat(registered.at("/data/artifactSha256").asString()).isEqualTo(sha);
        assertThat(registered.at("/data/snapshotSha256").asString()).isEqualTo(snapshot);

        HttpResponse<String> card = http.get("/api/v1/registry/models/" + model + "/versions/1/card");
        assertThat(RegistryHttp.json(card).at("/metrics/f1").asDouble()).isEqualTo(0.91);
        assertThat(RegistryHttp.json(card).get("aliases").toString()).contains("champion");

        HttpResponse<byte[]> overwrite = http.putBytes("/api/v1/registry/runs/" + runId + "/artifacts/model.bundle",
                "something else".getBytes());
        assertThat(overwrite.statusCode()).isEqualTo(409);
    }

    @Test
    void archivingAVersionAnnouncesIt() {
        String model = model();
        version(model);
        version(model);
        http.post(MLFLOW + "/model-versions/transition-stage", "{\"name\":\"" + model
                + "\",\"version\":\"1\",\"stage\":\"production\"}");
        HttpResponse<String> promoted = http.post(MLFLOW + "/model-versions/transition-stage", "{\"name\":\"" + model
                + "\",\"version\":\"2\",\"stage\":\"Production\",\"archive_existing_versions\":true}");
        assertThat(RegistryHttp.json(promoted).at("/model_version/current_stage").asString()).isEqualTo("Production");
        assertThat(RegistryHttp.json(http.get(MLFLOW + "/model-versions/get?name=" + model + "&version=1"))
                .at("/model_version/current_stage").asString()).isEqualTo("Archived");
        List<String> archived = kafka.awaitContaining(Topics.MODEL_EVENTS, "\"type\":\"model-version.archived\"", 1,
                Duration.ofSeconds(30)).stream().filter(e -> e.contains("\"model\":\"" + model + "\"")).toList();
        assertThat(archived).isNotEmpty();
    }

    private String model() {
        String name = "model-" + System.nanoTime();
        HttpResponse<String> created = http.post(MLFLOW + "/registered-models/create", "{\"name\":\"" + name + "\"}");
        assertThat(created.statusCode()).isEqualTo(200);
        return name;
    }

    private void version(String model) {
        HttpResponse<String> created = http.post(MLFLOW + "/model-versions/create",
                "{\"name\":\"" + model + "\",\"source\":\"s3://bucket/" + model + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    private HttpResponse<String> moveAlias(String model, String alias, String version, String expected) {
        return http.put("/api/v1/registry/models/" + model + "/aliases/" + alias, "{\"version\":\"" + version + "\""
                + (expected == null ? "" : ",\"expectedVersion\":\"" + expected + "\"") + ",\"reason\":\"test\"}");
    }
}

package io.vishwaops.training;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.vishwaops.contracts.Topics;
import io.vishwaops.feature.FeatureApplication;
import io.vishwaops.identity.CallerIdentity;
import io.vishwaops.identity.SignedIdentity;
import io.vishwaops.ingestion.IngestionApplication;
import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.ModelBundles;
import io.vishwaops.registry.RegistryApplication;
import io.vishwaops.testsupport.KafkaProbe;
import io.vishwaops.testsupport.SharedInfrastructure;
import io.vishwaops.validation.ValidationApplication;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The real student data through the real services, each its own Spring application on a random port as in the
 * standalone platform: ingestion → validation → feature store snapshot → training job → runs and a version in the
 * registry → the promotion gate against the champion. Security is on, as in a deployment: the test calls as a signed
 * user, and training calls the other services as {@code service:training}, signed with the shared secret.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainingEndToEndIntegrationTests {

    /** Tests run in the module directory; the shared datasets lie beside the repository. */
    private static final Path STUDENT_MAT = Path.of("..", "..", "shared", "datasets", "student", "student-mat.csv");
    private static final String DATASET = "student-mat";
    private static final String PIPELINE = "student-pass";

    @TempDir
    static Path artifacts;

    private static final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient client = HttpClient.newHttpClient();
    private static final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());
    private static final String SECRET = java.util.Base64.getEncoder().encodeToString(
            "a test secret that is 32 bytes+!".getBytes(StandardCharsets.UTF_8));
    private static final SignedIdentity signer = SignedIdentity.fromBase64(SECRET);
    private static String training;
    private static String registry;
    private static String features;
    private static String snapshotId;
    private static String firstJob;
    private static List<String> featureColumns;

    @BeforeAll
    static void startPlatform() throws Exception {
        assumeThat(Files.exists(STUDENT_MAT)).as("shared datasets beside the repository").isTrue();
        String ingestion = start(IngestionApplication.class);
        start(ValidationApplication.class, "--vops.validation.ingestion-url=" + ingestion);
        features = start(FeatureApplication.class);
        registry = start(RegistryApplication.class, "--vops.registry.artifact-root=" + artifacts.resolve("registry"));
        training = start(TrainingApplication.class, "--vops.training.ingestion-url=" + ingestion,
                "--vops.training.feature-url=" + features, "--vops.training.registry-url=" + registry,
                "--vops.training.poll-interval=200ms", "--vops.training.heartbeat-interval=300ms",
                "--vops.training.lease=3s");

        String csv = Files.readString(STUDENT_MAT, StandardCharsets.UTF_8);
        HttpResponse<String> inferred = send("POST", ingestion + "/api/v1/datasets/infer?name=" + DATASET
                + "&target=G3", "text/csv", csv);
        assertThat(inferred.statusCode()).as(inferred.body()).isEqualTo(200);
        JsonNode schema = json.readTree(inferred.body()).get("schema");
        HttpResponse<String> defined = send("POST", ingestion + "/api/v1/datasets", "application/json",
                schema.toString());
        assertThat(defined.statusCode()).as(defined.body()).isIn(201, 409);
        HttpResponse<String> accepted = send("POST", ingestion + "/api/v1/datasets/" + DATASET + "/records",
                "text/csv", csv);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> json.readTree(
                get(features + "/api/v1/features/" + DATASET + "/records?limit=1000").body()).size() == 395);
        featureColumns = new ArrayList<>();
        schema.get("columns").forEach(c -> {
            if (!c.get("name").asString().equals("G3")) {
                featureColumns.add(c.get("name").asString());
            }
        });
    }

    private static String start(Class<?> application, String... extra) {
        List<String> args = new ArrayList<>();
        SharedInfrastructure.serviceProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--server.port=0");
        args.add("--vops.security.enabled=true");
        args.add("--vops.security.identity-secret=" + SECRET);
        args.addAll(Arrays.asList(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .bannerMode(Banner.Mode.OFF).run(args.toArray(String[]::new));
        services.add(context);
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stopPlatform() {
        services.reversed().forEach(ConfigurableApplicationContext::close);
    }

    static String spec(String name, String gates, String extra) {
        String columns = featureColumns.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
        return """
                {"dataset": "%s",
                 "target": {"column": "G3", "expression": "G3 >= 10", "classes": ["fail", "pass"], "name": "pass"},
                 "task": "binary",
                 "features": {"columns": [%s]},
                 "candidates": [{"algorithm": "random_forest", "parameters": {"trees": [30, 60], "max_depth": 8}},
                                {"algorithm": "logistic_regression", "parameters": {"lambda": [0.1, 1.0]}}],
                 "cvFolds": 5, "seed": 11, "testShare": 0.2, "primaryMetric": "f1_macro",
                 "gates": %s %s}""".formatted(DATASET, columns, gates, extra);
    }

    @Test
    @Order(1)
    void aJobTrainsOnASnapshotRegistersTheWinnerAndMakesItChampion() throws Exception {
        HttpResponse<String> put = send("PUT", training + "/api/v1/pipelines/" + PIPELINE, "application/json",
                spec(PIPELINE, "[{\"metric\": \"f1_macro\", \"min\": 0.75}, {\"metric\": \"f1_macro\", "
                        + "\"beatChampionBy\": 0.0}]", ""));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

        HttpResponse<String> started = send("POST", training + "/api/v1/pipelines/" + PIPELINE + "/runs",
                "application/json", "");
        assertThat(started.statusCode()).isEqualTo(202);
        firstJob = json.readTree(started.body()).get("id").asString();
        JsonNode job = awaitFinished(firstJob);

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("progress").get("trialsDone").asInt()).isEqualTo(5)
                .isEqualTo(job.get("progress").get("trialsTotal").asInt());
        assertThat(job.get("leaderboard")).hasSize(5);
        assertThat(job.get("stageStartedAt").propertyNames()).containsExactly("snapshot", "rows", "selection",
                "final-fit", "registering", "gate");
        assertThat(job.get("leaderboard").toString()).contains("baseline");
        JsonNode result = job.get("result");
        assertThat(result.get("rows").get("train").asInt() + result.get("rows").get("test").asInt()).isEqualTo(395);
        assertThat(result.get("testMetrics").get("f1_macro").asDouble()).isGreaterThan(0.75);
        assertThat(result.get("registered").get("version").asString()).isEqualTo("1");
        assertThat(result.get("gate").get("verdict").asString()).isEqualTo("promoted");
        snapshotId = job.get("snapshotId").asString();

        JsonNode snapshot = json.readTree(get(features + "/api/v1/snapshots/" + snapshotId).body());
        JsonNode champion = json.readTree(get(registry + "/api/v1/registry/models/" + PIPELINE
                + "/aliases/champion").body());
        assertThat(champion.get("version").asString()).isEqualTo("1");
        assertThat(champion.get("snapshotSha256").asString()).isEqualTo(snapshot.get("sha256").asString());
        assertThat(champion.get("artifactSha256").asString())
                .isEqualTo(result.get("registered").get("artifactSha256").asString());
        assertThat(json.readTree(get(registry + "/api/v1/registry/models/" + PIPELINE + "/aliases/challenger")
                .body()).get("version").asString()).isEqualTo("1");

        byte[] bundleBytes = client.send(signed(registry + "/api/v1/registry/runs/"
                + champion.get("runId").asString() + "/artifacts/model/bundle.vops").build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(ModelBundles.sha256(bundleBytes)).isEqualTo(champion.get("artifactSha256").asString());
        ModelBundle bundle = ModelBundles.fromBytes(bundleBytes);
        assertThat(bundle.provenance().snapshotSha256()).isEqualTo(snapshot.get("sha256").asString());
        assertThat(bundle.provenance().pipeline()).isEqualTo(PIPELINE);
        assertThat(bundle.signature().classNames()).containsExactly("fail", "pass");
        assertThat(bundle.signature().target()).isEqualTo("pass");
        Map<String, Object> student = firstRow(snapshotId);
        student.remove("G3");
        assertThat(bundle.predict(student).value()).isIn("fail", "pass");

        // the experiment holds the parent run and one child run per trial, with their CV metrics
        String parentRun = champion.get("runId").asString();
        JsonNode children = mlflow("runs/search", Map.of("experiment_ids", List.of(experimentId(PIPELINE)),
                "filter", "tags.mlflow.parentRunId = '" + parentRun + "'"));
        assertThat(children.get("runs")).hasSize(5);
        assertThat(children.get("runs").toString()).contains("cv_f1_macro");
        JsonNode parent = mlflow("runs/get", Map.of("run_id", parentRun)).get("run");
        assertThat(parent.get("info").get("user_id").asString()).isEqualTo("service:training");
        assertThat(json.readTree(get(training + "/api/v1/pipelines/" + PIPELINE).body()).get("createdBy").asString())
                .isEqualTo("alice");
        assertThat(parent.get("data").toString()).contains("vops.snapshot.sha256").contains("vops.pipeline.sha256")
                .contains("vops.ingestion.batches").contains("test_f1_macro");
        JsonNode artifacts = json.readTree(get(registry + "/api/v1/registry/runs/" + parentRun + "/artifacts/")
                .body());
        assertThat(artifacts.toString()).contains("\"model\"").contains("\"evaluation\"").contains("leaderboard.json");
        JsonNode confusion = json.readTree(get(registry + "/api/v1/registry/runs/" + parentRun
                + "/artifacts/evaluation/confusion_matrix.json").body());
        assertThat(confusion.get("classNames").toString()).isEqualTo("[\"fail\",\"pass\"]");
        long tested = 0;
        for (JsonNode row : confusion.get("counts")) {
            for (JsonNode count : row) {
                tested += count.asLong();
            }
        }
        assertThat(tested).isEqualTo(result.get("rows").get("test").asLong());
        assertThat(get(registry + "/api/v1/registry/runs/" + parentRun + "/artifacts/evaluation/roc.json")
                .statusCode()).isEqualTo(200);
        assertThat(get(registry + "/api/v1/registry/runs/" + parentRun
                + "/artifacts/evaluation/feature_importance.json").body()).contains("G2");
        JsonNode version = mlflow("model-versions/get", Map.of("name", PIPELINE, "version", "1"))
                .get("model_version");
        assertThat(version.get("tags").toString()).contains("vops.gate.verdict").contains("promoted");

        assertThat(kafka.awaitContaining(Topics.TRAINING_EVENTS, firstJob, 1, Duration.ofSeconds(30)).getFirst())
                .contains("training-job.completed").contains("\"modelVersion\":\"1\"");
        assertThat(get(training + "/actuator/prometheus").body())
                .contains("vops_training_trial_duration_seconds_count{algorithm=\"random_forest\"")
                .contains("vops_training_jobs_finished_total{").contains("vops_training_jobs{");
    }

    @Test
    @Order(2)
    void aVersionThatDoesNotBeatTheChampionOnTheSameTestRowsIsRejected() throws Exception {
        HttpResponse<String> put = send("PUT", training + "/api/v1/pipelines/" + PIPELINE, "application/json",
                spec(PIPELINE, "[{\"metric\": \"f1_macro\", \"beatChampionBy\": 0.05}]", ""));
        assertThat(json.readTree(put.body()).get("version").asInt()).isEqualTo(2);
        HttpResponse<String> started = send("POST", training + "/api/v1/pipelines/" + PIPELINE + "/runs",
                "application/json", "{\"snapshotId\": \"" + snapshotId + "\"}");
        JsonNode job = awaitFinished(json.readTree(started.body()).get("id").asString());

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        JsonNode gate = job.get("result").get("gate");
        assertThat(gate.get("verdict").asString()).isEqualTo("rejected");
        assertThat(gate.get("championVersion").asString()).isEqualTo("1");
        // the same spec, seed and snapshot: the champion scores what the new version scores on the same rows
        assertThat(gate.get("championMetrics").get("f1_macro").asDouble())
                .isEqualTo(gate.get("metrics").get("f1_macro").asDouble());
        assertThat(json.readTree(get(registry + "/api/v1/registry/models/" + PIPELINE + "/aliases/champion").body())
                .get("version").asString()).isEqualTo("1");
        JsonNode version = mlflow("model-versions/get", Map.of("name", PIPELINE, "version", "2"))
                .get("model_version");
        assertThat(version.get("tags").toString()).contains("rejected").contains("vops.gate.champion.version");
    }

    @Test
    @Order(3)
    void aManualPipelineProposesItsVersionForApproval() throws Exception {
        String name = "student-pass-manual";
        send("PUT", training + "/api/v1/pipelines/" + name, "application/json",
                spec(name, "[{\"metric\": \"accuracy\", \"min\": 0.5}]", ", \"approval\": \"manual\""));
        HttpResponse<String> started = send("POST", training + "/api/v1/pipelines/" + name + "/runs",
                "application/json", "{\"snapshotId\": \"" + snapshotId + "\"}");
        JsonNode job = awaitFinished(json.readTree(started.body()).get("id").asString());

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        JsonNode gate = job.get("result").get("gate");
        assertThat(gate.get("verdict").asString()).isEqualTo("proposed");
        JsonNode approval = json.readTree(get(registry + "/api/v1/registry/approvals/"
                + gate.get("approvalId").asString()).body());
        assertThat(approval.get("status").asString()).isEqualTo("PENDING");
        assertThat(get(registry + "/api/v1/registry/models/" + name + "/aliases/champion").statusCode())
                .as("nobody approved yet").isEqualTo(404);
    }

    @Test
    @Order(4)
    void aJobWhoseWorkerDiedIsResumedByAnotherAndFinishes() {
        UUID id = UUID.randomUUID();
        JdbcClient jdbc = JdbcClient.create(SharedInfrastructure.database().dataSource());
        jdbc.sql("""
                insert into training.training_job (id, pipeline, pipeline_version, status, trigger, requested_by,
                        snapshot_id, attempt, worker, heartbeat_at, started_at, stage, trials_done, trials_total)
                values (:id, :pipeline, 1, 'running', 'rest', 'test', :snapshot, 1, 'killed-worker',
                        now() - interval '1 minute', now() - interval '2 minutes', 'selection', 2, 5)""")
                .param("id", id).param("pipeline", PIPELINE).param("snapshot", UUID.fromString(snapshotId)).update();

        JsonNode job = awaitFinished(id.toString());

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("attempt").asInt()).isEqualTo(2);
        assertThat(job.get("worker").asString()).isNotEqualTo("killed-worker");
        assertThat(job.get("result").get("snapshot").get("id").asString()).isEqualTo(snapshotId);
    }

    @Test
    @Order(5)
    void aRunningJobStopsWhenCancelled() throws Exception {
        String name = "student-pass-slow";
        send("PUT", training + "/api/v1/pipelines/" + name, "application/json", spec(name, "[]", "")
                .replace("\"trees\": [30, 60], \"max_depth\": 8",
                        "\"trees\": [200, 300, 400, 500], \"max_depth\": [4, 6, 8, 10, 12], \"node_size\": [1, 2, 5, 10]")
                .replace("\"cvFolds\": 5", "\"cvFolds\": 10"));
        HttpResponse<String> started = send("POST", training + "/api/v1/pipelines/" + name + "/runs",
                "application/json", "{\"snapshotId\": \"" + snapshotId + "\"}");
        String id = json.readTree(started.body()).get("id").asString();
        JsonNode running = await().atMost(Duration.ofMinutes(2)).until(() -> job(id),
                j -> "selection".equals(j.path("stage").asString()) && j.at("/progress/trialsDone").asInt() > 0);
        assertThat(running.at("/progress/etaSeconds").isNumber()).as(running.get("progress").toString()).isTrue();

        HttpResponse<String> cancel = send("POST", training + "/api/v1/training-jobs/" + id + "/cancel",
                "application/json", "");
        assertThat(cancel.statusCode()).isEqualTo(200);
        JsonNode job = awaitFinished(id);

        assertThat(job.get("status").asString()).isEqualTo("cancelled");
        assertThat(job.get("leaderboard")).as("the trials finished before the cancel")
                .hasSize(job.get("progress").get("trialsDone").asInt());
        assertThat(job.get("progress").get("trialsDone").asInt()).isLessThan(job.get("progress").get("trialsTotal")
                .asInt());
        JsonNode parent = mlflow("runs/get", Map.of("run_id", job.get("parentRunId").asString())).get("run");
        assertThat(parent.get("info").get("status").asString()).isEqualTo("KILLED");
        assertThat(kafka.awaitContaining(Topics.TRAINING_EVENTS, id, 1, Duration.ofSeconds(30)).getFirst())
                .contains("training-job.failed").contains("cancelled");
    }

    @Test
    @Order(6)
    void stoppingTheServiceHandsItsJobBackAndTheNextInstanceResumesIt() {
        String name = "student-pass-slow";
        HttpResponse<String> started = send("POST", training + "/api/v1/pipelines/" + name + "/runs",
                "application/json", "{\"snapshotId\": \"" + snapshotId + "\"}");
        String id = json.readTree(started.body()).get("id").asString();
        await().atMost(Duration.ofMinutes(2)).until(() -> "selection".equals(job(id).path("stage").asString()));

        ConfigurableApplicationContext service = services.removeLast();
        service.close();
        JdbcClient jdbc = JdbcClient.create(SharedInfrastructure.database().dataSource());
        Map<String, Object> row = jdbc.sql("select status, attempt, error from training.training_job where id = :id")
                .param("id", UUID.fromString(id)).query().singleRow();
        assertThat(row.get("status")).isEqualTo("queued");
        assertThat((String) row.get("error")).contains("stopped during attempt 1");

        training = start(TrainingApplication.class, service.getEnvironment().getProperty("vops.training.ingestion-url")
                .transform(url -> "--vops.training.ingestion-url=" + url),
                "--vops.training.feature-url=" + features, "--vops.training.registry-url=" + registry,
                "--vops.training.poll-interval=200ms", "--vops.training.heartbeat-interval=300ms",
                "--vops.training.lease=3s");
        JsonNode resumed = await().atMost(Duration.ofMinutes(2)).until(() -> job(id),
                j -> "running".equals(j.get("status").asString()) && "selection".equals(j.path("stage").asString()));
        assertThat(resumed.get("attempt").asInt()).isEqualTo(2);
        assertThat(resumed.get("snapshotId").asString()).isEqualTo(snapshotId);

        send("POST", training + "/api/v1/training-jobs/" + id + "/cancel", "application/json", "");
        assertThat(awaitFinished(id).get("status").asString()).isEqualTo("cancelled");
    }

    @Test
    @Order(7)
    void aNewSnapshotRetrainsAPipelineThatAsksButTheSnapshotAJobMadeForItselfDoesNot() {
        String name = "student-pass-fresh";
        send("PUT", training + "/api/v1/pipelines/" + name, "application/json",
                spec(name, "[]", ", \"retrainOnSnapshot\": true"));
        HttpResponse<String> started = send("POST", training + "/api/v1/pipelines/" + name + "/runs",
                "application/json", "");
        JsonNode own = awaitFinished(json.readTree(started.body()).get("id").asString());
        assertThat(own.get("status").asString()).as(own.toString()).isEqualTo("succeeded");

        HttpResponse<String> made = send("POST", features + "/api/v1/snapshots", "application/json",
                "{\"dataset\": \"" + DATASET + "\"}");
        assertThat(made.statusCode()).isEqualTo(201);
        String snapshot = json.readTree(made.body()).get("id").asString();
        JsonNode jobs = await().atMost(Duration.ofMinutes(1)).until(
                () -> json.readTree(get(training + "/api/v1/training-jobs?pipeline=" + name).body()),
                list -> list.size() >= 2);

        // snapshot events of a dataset share a partition: the later one's job means the earlier one was handled
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).get("trigger").asString()).isEqualTo("snapshot");
        assertThat(jobs.get(0).get("snapshotId").asString()).isEqualTo(snapshot);
        assertThat(awaitFinished(jobs.get(0).get("id").asString()).get("status").asString()).isEqualTo("succeeded");
    }

    private static JsonNode awaitFinished(String id) {
        return await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> job(id), j -> List.of("succeeded", "failed", "cancelled").contains(
                        j.get("status").asString()));
    }

    private static JsonNode job(String id) {
        return json.readTree(get(training + "/api/v1/training-jobs/" + id).body());
    }

    private static Map<String, Object> firstRow(String snapshot) {
        String first = get(features + "/api/v1/snapshots/" + snapshot + "/rows").body().lines().findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> row = json.readValue(first, LinkedHashMap.class);
        row.remove("_record_id");
        return row;
    }

    private static String experimentId(String name) {
        return json.readTree(get(registry + "/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + name)
                .body()).get("experiment").get("experiment_id").asString();
    }

    private static JsonNode mlflow(String path, Map<String, Object> body) {
        HttpResponse<String> response = send("POST", registry + "/api/2.0/mlflow/" + path, "application/json",
                json.writeValueAsString(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** A request as the gateway forwards one of alice's, a data scientist and approver. */
    private static HttpRequest.Builder signed(String url) {
        String requestId = UUID.randomUUID().toString();
        return HttpRequest.newBuilder(URI.create(url)).header("X-Request-Id", requestId)
                .header(SignedIdentity.HEADER, signer.sign(new CallerIdentity("alice",
                        java.util.Set.of("data-scientist", "approver")), java.time.Instant.now().plusSeconds(120),
                        requestId));
    }

    private static HttpResponse<String> get(String url) {
        return send("GET", url, null, null);
    }

    private static HttpResponse<String> send(String method, String url, String contentType, String body) {
        try {
            HttpRequest.Builder request = signed(url).timeout(Duration.ofMinutes(2))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception ex) {
            throw new IllegalStateException(method + " " + url, ex);
        }
    }
}

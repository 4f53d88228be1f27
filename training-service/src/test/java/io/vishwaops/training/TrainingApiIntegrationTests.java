package io.vishwaops.training;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.vishwaops.contracts.Topics;
import io.vishwaops.testsupport.HttpProbe;
import io.vishwaops.testsupport.KafkaProbe;
import io.vishwaops.testsupport.ServiceIntegrationTest;
import io.vishwaops.testsupport.SharedInfrastructure;
import io.vishwaops.training.trigger.ScheduleTrigger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The training API and its triggers against a real PostgreSQL and Kafka, with an ingestion stand-in for dataset
 * schemas. This instance runs no jobs ({@code workers=0}): what is asserted is what the queue holds.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = {"vops.training.workers=0", "vops.training.heartbeat-interval=200ms",
        "vops.training.lease=2s", "vops.training.max-attempts=2", "vops.training.schedule-check-interval=1h"})
class TrainingApiIntegrationTests {

    private static final IngestionStub INGESTION = new IngestionStub();

    static {
        INGESTION.define("students", """
                {"name":"students","columns":[
                  {"name":"school","type":"categorical","allowedValues":["GP","MS"]},
                  {"name":"age","type":"integer"},{"name":"absences","type":"integer"},
                  {"name":"higher","type":"categorical","allowedValues":["yes","no"]},
                  {"name":"G1","type":"integer"},{"name":"G2","type":"integer"},{"name":"G3","type":"integer"}],
                 "target":"G3","task":"regression"}""");
    }

    @DynamicPropertySource
    static void ingestion(DynamicPropertyRegistry registry) {
        registry.add("vops.training.ingestion-url", INGESTION::url);
    }

    @AfterAll
    static void stopStub() {
        INGESTION.close();
    }

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpProbe http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScheduleTrigger schedule;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        http = HttpProbe.localhost(port);
    }

    static String spec(String name, String extra) {
        return """
                {"name": "%s", "dataset": "students",
                 "target": {"column": "G3", "expression": "G3 >= 10", "classes": ["fail", "pass"]},
                 "task": "binary",
                 "features": {"columns": ["school", "age", "absences", "higher", "G1", "G2"]},
                 "candidates": [{"algorithm": "random_forest", "parameters": {"trees": [50, 100]}},
                                {"algorithm": "logistic_regression"}],
                 "cvFolds": 5, "seed": 7, "primaryMetric": "f1_macro",
                 "gates": [{"metric": "f1_macro", "min": 0.7}, {"metric": "f1_macro", "beatChampionBy": 0.005}]
                 %s}""".formatted(name, extra);
    }

    @Test
    void aSpecWithMistakesIsRefusedNamingEachField() {
        String bad = """
                {"dataset": "students", "target": {"column": "G3", "expression": "G3 >= 10"}, "task": "binary",
                 "features": {"columns": ["school", "age", "absense", "G3"]},
                 "candidates": [{"algorithm": "random_forest", "parameters": {"trees": []}},
                                {"algorithm": "svm"},
                                {"algorithm": "decision_tree", "parameters": {"colour": ["red"]}}],
                 "primaryMetric": "rmse",
                 "gates": [{"metric": "r2", "min": 0.5}],
                 "schedule": "every night"}""";
        HttpResponse<String> response = put("/api/v1/pipelines/bad-one", "application/json", bad);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = http.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://vishwaops.io/problems/invalid-request");
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("pointer").asString()));
        assertThat(fields).containsExactlyInAnyOrder("features.columns[2]", "features.columns[3]",
                "candidates[0].parameters.trees", "candidates[1].algorithm", "candidates[2].parameters.colour",
                "primaryMetric", "gates[0].metric", "schedule");
        assertThat(problem.get("errors").toString()).contains("unknown column 'absense': did you mean 'absences'?")
                .contains("search space is empty").contains("does not fit a binary task");
        assertThat(http.get("/api/v1/pipelines/bad-one").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownDatasetAndAnUnknownFieldAreRefused() {
        HttpResponse<String> unknownDataset = put("/api/v1/pipelines/nowhere", "application/json",
                spec("nowhere", "").replace("\"students\"", "\"no-such-dataset\""));
        assertThat(unknownDataset.statusCode()).isEqualTo(400);
        assertThat(http.json(unknownDataset).get("errors").get(0).get("pointer").asString()).isEqualTo("dataset");

        HttpResponse<String> typo = put("/api/v1/pipelines/typo", "application/json",
                spec("typo", ", \"primaryMetrc\": \"accuracy\""));
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(http.json(typo).get("errors").get(0).get("pointer").asString()).isEqualTo("primaryMetrc");
    }

    @Test
    void aYamlSpecIsStoredAndAChangeMakesANewVersion() {
        String yaml = """
                name: yaml-pipeline
                dataset: students
                target: {column: G3, expression: "G3 >= 10", classes: [fail, pass]}
                task: binary
                features:
                  columns: [school, age, absences]
                  perColumn:
                    absences: {log: true, scale: standard}
                candidates:
                  - algorithm: xgboost
                    parameters: {trees: [50, 100], max_depth: 3}
                search: {strategy: random, maxTrials: 1}
                gates:
                  - {metric: auc, min: 0.6}
                approval: manual
                schedule: "0 0 3 * * *"
                """;
        HttpResponse<String> created = put("/api/v1/pipelines/yaml-pipeline", "application/yaml", yaml);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(http.json(created).get("version").asInt()).isEqualTo(1);
        assertThat(http.json(created).get("spec").get("features").get("perColumn").get("absences").get("scale")
                .asString()).isEqualTo("standard");

        assertThat(http.json(put("/api/v1/pipelines/yaml-pipeline", "application/yaml", yaml)).get("version").asInt())
                .as("the same spec again is the same version").isEqualTo(1);
        HttpResponse<String> changed = put("/api/v1/pipelines/yaml-pipeline", "application/yaml",
                yaml.replace("max_depth: 3", "max_depth: 4"));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(http.json(changed).get("version").asInt()).isEqualTo(2);
        assertThat(http.json(http.get("/api/v1/pipelines/yaml-pipeline")).get("version").asInt()).isEqualTo(2);
        assertThat(http.json(http.get("/api/v1/pipelines/yaml-pipeline?version=1")).get("spec").get("candidates")
                .get(0).get("parameters").get("max_depth").asInt()).isEqualTo(3);

        assertThat(http.get("/v3/api-docs").body()).as("OpenAPI describes the spec body")
                .contains("\"application/yaml\"").contains("PipelineDefinition");

        HttpResponse<String> valid = post("/api/v1/pipelines/yaml-pipeline/validate", "application/yaml", yaml);
        assertThat(valid.statusCode()).isEqualTo(200);
        HttpResponse<String> invalid = post("/api/v1/pipelines/yaml-pipeline/validate", "application/yaml",
                yaml.replace("metric: auc", "metric: rmse"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(http.json(invalid).get("errors").get(0).get("pointer").asString()).isEqualTo("gates[0].metric");
    }

    @Test
    void aBrokenDependencyIsAServiceUnavailableProblemNamingIt() {
        HttpResponse<String> response = put("/api/v1/pipelines/broken-one", "application/json",
                spec("broken-one", "").replace("\"students\"", "\"broken\""));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        JsonNode problem = http.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://vishwaops.io/problems/service-unavailable");
        assertThat(problem.get("dependency").asString()).isEqualTo("ingestion-service");
    }

    @Test
    void theSameIdempotencyKeyStartsOneJob() {
        assertThat(put("/api/v1/pipelines/retried", "application/json", spec("retried", "")).statusCode())
                .isEqualTo(201);
        HttpResponse<String> first = send("POST", "/api/v1/pipelines/retried/runs", "application/json", "",
                "Idempotency-Key", "nightly-2026-03-14");
        HttpResponse<String> again = send("POST", "/api/v1/pipelines/retried/runs", "application/json", "",
                "Idempotency-Key", "nightly-2026-03-14");
        HttpResponse<String> other = send("POST", "/api/v1/pipelines/retried/runs", "application/json", "");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(http.json(again).get("id").asString()).isEqualTo(http.json(first).get("id").asString());
        assertThat(http.json(other).get("id").asString()).isNotEqualTo(http.json(first).get("id").asString());
        assertThat(http.json(http.get("/api/v1/pipelines/retried/runs"))).hasSize(2);
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndAFinishedOneCannotBe() {
        assertThat(put("/api/v1/pipelines/cancel-me", "application/json", spec("cancel-me", "")).statusCode())
                .isEqualTo(201);
        HttpResponse<String> submitted = post("/api/v1/pipelines/cancel-me/runs", "application/json", "");
        assertThat(submitted.statusCode()).isEqualTo(202);
        JsonNode job = http.json(submitted);
        String id = job.get("id").asString();
        assertThat(job.get("status").asString()).isEqualTo("queued");
        assertThat(submitted.headers().firstValue("Location")).hasValue("/api/v1/training-jobs/" + id);

        HttpResponse<String> cancelled = post("/api/v1/training-jobs/" + id + "/cancel", "application/json", "");
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(http.json(cancelled).get("status").asString()).isEqualTo("cancelled");
        HttpResponse<String> again = post("/api/v1/training-jobs/" + id + "/cancel", "application/json", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(http.json(again).get("detail").asString()).contains("already cancelled");

        assertThat(kafka.awaitContaining(Topics.TRAINING_EVENTS, id, 1, Duration.ofSeconds(30)).getFirst())
                .contains("training-job.failed").contains("cancelled before it started");
        assertThat(http.get("/api/v1/training-jobs/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    @Test
    void aScheduleSlotStartsOneJobHoweverManyCheckersSeeIt() throws Exception {
        assertThat(put("/api/v1/pipelines/nightly", "application/json",
                spec("nightly", ", \"schedule\": \"0 * * * * *\"")).statusCode()).isEqualTo(201);
        Instant now = Instant.now().plusSeconds(61);
        var first = CompletableFuture.supplyAsync(() -> schedule.check(now));
        var second = CompletableFuture.supplyAsync(() -> schedule.check(now));
        List<UUID> started = new ArrayList<>(first.get());
        started.addAll(second.get());
        started.addAll(schedule.check(now));

        // other tests' pipelines may have a slot in the window too; this one's must have started exactly once
        assertThat(started.stream().filter(id -> "nightly".equals(jdbc.sql(
                "select pipeline from training_job where id = :id").param("id", id).query(String.class).single())))
                .hasSize(1);
        List<String> keys = jdbc.sql("select trigger_key from training_job where pipeline = 'nightly'")
                .query(String.class).list();
        assertThat(keys).hasSize(1);
        assertThat(keys.getFirst()).startsWith("schedule:").endsWith(":00Z");
    }

    @Test
    void aRetrainingRequestStartsOneJobAndAnUnknownPipelineIsDeadLettered() {
        assertThat(put("/api/v1/pipelines/drifting", "application/json", spec("drifting", "")).statusCode())
                .isEqualTo(201);
        UUID requestId = UUID.randomUUID();
        String request = retraining(requestId, "drifting");
        kafka.send(Topics.RETRAINING_REQUESTS, "drifting", request);
        // the same request again, as a new event: monitoring resent it
        kafka.send(Topics.RETRAINING_REQUESTS, "drifting", retraining(requestId, "drifting"));

        await().atMost(Duration.ofSeconds(30)).until(() -> jobsWithKey("retraining:" + requestId) == 1);
        JsonNode jobs = http.json(http.get("/api/v1/training-jobs?pipeline=drifting"));
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).get("trigger").asString()).isEqualTo("retraining");
        assertThat(jobs.get(0).get("requestedBy").asString()).isEqualTo("monitoring:drift");

        kafka.send(Topics.RETRAINING_REQUESTS, "future", retraining(UUID.randomUUID(), "drifting")
                .replace("\"schemaVersion\":1", "\"schemaVersion\":99"));
        assertThat(kafka.readKeys(Topics.deadLetter(Topics.RETRAINING_REQUESTS), "future", 1, Duration.ofSeconds(60)))
                .hasSize(1);
        kafka.send(Topics.RETRAINING_REQUESTS, "ghost", retraining(UUID.randomUUID(), "ghost"));
        assertThat(kafka.awaitHeader(Topics.deadLetter(Topics.RETRAINING_REQUESTS), "ghost",
                "kafka_dlt-exception-message", Duration.ofSeconds(60))).contains("pipeline 'ghost' does not exist");
        assertThat(jdbc.sql("select count(*) from training_job where pipeline = 'drifting'").query(Long.class)
                .single()).as("the unreadable request started nothing").isEqualTo(1);
    }

    @Test
    void aNewSnapshotStartsTheJobsOfPipelinesThatAskForIt() {
        assertThat(put("/api/v1/pipelines/on-snapshot", "application/json",
                spec("on-snapshot", ", \"retrainOnSnapshot\": true")).statusCode()).isEqualTo(201);
        UUID snapshot = UUID.randomUUID();
        kafka.send(Topics.DATASET_EVENTS, "students", """
                {"eventId":"%s","type":"snapshot.created","occurredAt":"%s","schemaVersion":1,
                 "source":"/vops/feature-service","subject":"students",
                 "data":{"snapshotId":"%s","dataset":"students","sha256":"%s","rowCount":10,"schemaVersion":1,
                         "eventTimeCutoff":null,"batchIds":[],"createdAt":"%s"}}"""
                .formatted(UUID.randomUUID(), Instant.now(), snapshot, "0".repeat(64), Instant.now()));

        await().atMost(Duration.ofSeconds(30)).until(() -> jobsWithKey("snapshot:" + snapshot) == 1);
        JsonNode job = http.json(http.get("/api/v1/training-jobs?pipeline=on-snapshot")).get(0);
        assertThat(job.get("snapshotId").asString()).isEqualTo(snapshot.toString());
        assertThat(jdbc.sql("select count(*) from training_job where trigger_key = :key and pipeline <> 'on-snapshot'")
                .param("key", "snapshot:" + snapshot).query(Long.class).single())
                .as("pipelines that did not ask for it").isZero();
    }

    @Test
    void aJobWhoseWorkerDiedIsQueuedAgainThenFailedAfterItsAttempts() {
        assertThat(put("/api/v1/pipelines/orphan", "application/json", spec("orphan", "")).statusCode())
                .isEqualTo(201);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into training_job (id, pipeline, pipeline_version, status, trigger, requested_by, attempt,
                                          worker, heartbeat_at, started_at, stage)
                values (:id, 'orphan', 1, 'running', 'rest', 'test', 1, 'crashed-worker', now() - interval '1 hour',
                        now() - interval '1 hour', 'selection')""").param("id", id).update();

        await().atMost(Duration.ofSeconds(30)).until(() -> "queued".equals(status(id)));
        JsonNode queued = http.json(http.get("/api/v1/training-jobs/" + id));
        assertThat(queued.get("attempt").asInt()).isEqualTo(1);
        assertThat(queued.get("error").asString()).contains("crashed-worker stopped heart-beating during attempt 1");

        // the second worker to take it dies too: with max-attempts 2 the job is failed, not queued a third time
        jdbc.sql("""
                update training_job set status = 'running', attempt = 2, worker = 'crashed-again',
                       heartbeat_at = now() - interval '1 hour' where id = :id""").param("id", id).update();
        await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(status(id)));
        assertThat(http.json(http.get("/api/v1/training-jobs/" + id)).get("error").asString())
                .contains("failed after 2 attempts");
        assertThat(kafka.awaitContaining(Topics.TRAINING_EVENTS, id.toString(), 1, Duration.ofSeconds(30))
                .getFirst()).contains("training-job.failed");
    }

    private String status(UUID id) {
        return jdbc.sql("select status from training_job where id = :id").param("id", id).query(String.class).single();
    }

    private long jobsWithKey(String key) {
        return jdbc.sql("select count(*) from training_job where trigger_key = :key").param("key", key)
                .query(Long.class).single();
    }

    private static String retraining(UUID requestId, String pipeline) {
        return """
                {"eventId":"%s","type":"retraining.requested","occurredAt":"%s","schemaVersion":1,
                 "source":"/vops/monitoring-service","subject":"%s",
                 "data":{"requestId":"%s","pipeline":"%s","model":"%s","trigger":"drift","cause":null,
                         "requestedAt":"%s"}}"""
                .formatted(UUID.randomUUID(), Instant.now(), pipeline, requestId, pipeline, pipeline, Instant.now());
    }

    private HttpResponse<String> put(String path, String contentType, String body) {
        return send("PUT", path, contentType, body);
    }

    private HttpResponse<String> post(String path, String contentType, String body) {
        return send("POST", path, contentType, body);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body,
            String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.baseUrl() + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
            if (headers.length > 0) {
                request.headers(headers);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}

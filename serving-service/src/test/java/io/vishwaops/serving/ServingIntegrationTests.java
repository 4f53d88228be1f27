package io.vishwaops.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.vishwaops.contracts.Topics;
import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.ModelBundles;
import io.vishwaops.mlcore.bundle.Prediction;
import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.modelloading.ModelVersionRef;
import io.vishwaops.modelloading.RegistryModels;
import io.vishwaops.serving.model.ModelCatalog;
import io.vishwaops.testsupport.HttpProbe;
import io.vishwaops.testsupport.KafkaProbe;
import io.vishwaops.testsupport.ServiceIntegrationTest;
import io.vishwaops.testsupport.SharedInfrastructure;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Serving against the real registry, broker and PostgreSQL: what a caller of each endpoint style sees. */
@ServiceIntegrationTest
@TestPropertySource(properties = {"vops.serving.refresh-interval=10s",
        "vops.serving.batch.results-dir=${java.io.tmpdir}/vops-serving-tests/batch"})
class ServingIntegrationTests {

    private static final ModelBundle FIRST = TestRegistry.bundle(Algorithm.DECISION_TREE, 0);
    private static final ModelBundle SECOND = TestRegistry.bundle(Algorithm.LOGISTIC_REGRESSION, 2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry properties) {
        properties.add("vops.serving.registry-url", TestRegistry::url);
    }

    @Autowired
    ModelCatalog catalog;

    @Autowired
    RegistryModels registry;

    private HttpProbe http;
    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());

    @BeforeEach
    void connect(@LocalServerPort int port) {
        http = HttpProbe.localhost(port);
    }

    private static final List<Map<String, Object>> ROWS = List.of(TestRegistry.row(1.5, "red", true, 2),
            TestRegistry.row(8.25, "blue", false, 0), TestRegistry.row(5.0, "green", true, 4),
            TestRegistry.row(6.5, "red", false, 1));

    @Test
    void theThreeEndpointStylesGiveTheSameAnswersAsTheTrainedModel() {
        String model = "styles-" + System.nanoTime();
        String version = TestRegistry.champion(model, FIRST);
        List<Prediction> expected = FIRST.predict(ROWS);

        JsonNode predict = ok(http.post("/api/v1/models/" + model + "/predict", "application/json",
                json(Map.of("records", ROWS))));
        assertThat(predict.path("version").asString()).isEqualTo(version);
        assertThat(predict.path("model").asString()).isEqualTo(model);
        for (int i = 0; i < ROWS.size(); i++) {
            JsonNode answer = predict.path("predictions").get(i);
            assertThat(answer.path("prediction").asString()).isEqualTo(expected.get(i).value());
            assertThat(answer.path("probabilities").path("high").asDouble())
                    .isEqualTo(expected.get(i).probabilities().get("high"));
            assertThat(answer.path("predictionId").asString()).hasSize(36);
        }

        List<String> columns = List.of("x", "colour", "flag", "n");
        List<List<Object>> data = ROWS.stream().map(r -> columns.stream().map(r::get).toList()).toList();
        Map<String, List<Object>> columnar = new java.util.LinkedHashMap<>();
        columns.forEach(c -> columnar.put(c, ROWS.stream().map(r -> r.get(c)).toList()));
        StringBuilder csv = new StringBuilder("x,colour,flag,n\n");
        ROWS.forEach(r -> csv.append(r.get("x")).append(',').append(r.get("colour")).append(',').append(r.get("flag"))
                .append(',').append(r.get("n")).append('\n'));
        List<JsonNode> invocations = List.of(
                ok(http.post("/invocations?model=" + model, "application/json",
                        json(Map.of("dataframe_split", Map.of("columns", columns, "data", data))))),
                ok(http.post("/invocations?model=" + model, "application/json", json(Map.of("dataframe_records", ROWS)))),
                ok(http.post("/invocations?model=" + model, "application/json", json(Map.of("instances", ROWS)))),
                ok(http.post("/invocations?model=" + model, "application/json", json(Map.of("instances", data)))),
                ok(http.post("/invocations?model=" + model, "application/json", json(Map.of("inputs", columnar)))),
                ok(http.post("/invocations?model=" + model, "text/csv", csv.toString())));
        for (JsonNode answer : invocations) {
            assertThat(answer.path("version").asString()).isEqualTo(version);
            for (int i = 0; i < ROWS.size(); i++) {
                assertThat(answer.path("predictions").get(i).asString()).isEqualTo(expected.get(i).value());
                assertThat(answer.path("probabilities").get(i).path("high").asDouble())
                        .isEqualTo(expected.get(i).probabilities().get("high"));
            }
        }

        List<Map<String, Object>> tensors = List.of(
                Map.of("name", "x", "datatype", "FP64", "shape", List.of(4), "data", columnar.get("x")),
                Map.of("name", "colour", "datatype", "BYTES", "shape", List.of(4), "data", columnar.get("colour")),
                Map.of("name", "flag", "datatype", "BOOL", "shape", List.of(4, 1), "data", columnar.get("flag")),
                Map.of("name", "n", "datatype", "INT64", "shape", List.of(4), "data", columnar.get("n")));
        for (String path : List.of("/v2/models/" + model + "/infer", "/v2/models/" + model + "/versions/" + version + "/infer")) {
            JsonNode v2 = ok(http.post(path, "application/json", json(Map.of("id", "req-1", "inputs", tensors))));
            assertThat(v2.path("model_name").asString()).isEqualTo(model);
            assertThat(v2.path("model_version").asString()).isEqualTo(version);
            assertThat(v2.path("id").asString()).isEqualTo("req-1");
            JsonNode labels = v2.path("outputs").get(0);
            JsonNode probabilities = v2.path("outputs").get(1);
            assertThat(labels.path("name").asString()).isEqualTo("predict");
            assertThat(probabilities.path("shape").toString()).isEqualTo("[4,2]");
            for (int i = 0; i < ROWS.size(); i++) {
                assertThat(labels.path("data").get(i).asString()).isEqualTo(expected.get(i).value());
                assertThat(probabilities.path("data").get(2 * i + 1).asDouble())
                        .isEqualTo(expected.get(i).probabilities().get("high"));
            }
        }

        JsonNode metadata = ok(http.get("/v2/models/" + model));
        assertThat(metadata.path("inputs").toString()).contains("{\"name\":\"x\",\"datatype\":\"FP64\",\"shape\":[-1]}")
                .contains("\"colour\"", "\"BOOL\"", "\"INT64\"");
        assertThat(metadata.path("outputs").get(1).path("shape").toString()).isEqualTo("[-1,2]");
        assertThat(ok(http.get("/v2/models/" + model + "/ready")).path("ready").asBoolean()).isTrue();
        assertThat(ok(http.get("/v2/health/live")).path("live").asBoolean()).isTrue();

        String prometheus = http.get("/actuator/prometheus").body();
        assertThat(prometheus).contains("vops_serving_request_seconds_bucket{application=\"serving-service\",endpoint=\"v2\"")
                .contains("vops_serving_predictions_total{application=\"serving-service\",class=\"");
    }

    @Test
    void badInputIsA400NamingEveryFieldAndRowAndAnUnknownModelA404() {
        String model = "checks-" + System.nanoTime();
        TestRegistry.champion(model, FIRST);
        var bad = http.post("/api/v1/models/" + model + "/predict", "application/json", json(List.of(
                TestRegistry.row(1, "red", true, 1),
                Map.of("x", "lots", "colour", "red", "shoe", 42),
                Map.of("colour", "blue", "n", 1.5))));
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode problem = http.json(bad);
        assertThat(problem.path("type").asString()).endsWith("/invalid-request");
        assertThat(problem.path("errors").toString())
                .contains("{\"field\":\"x\",\"problem\":\"expected a number, got \\\"lots\\\"\",\"row\":1")
                .contains("\"field\":\"shoe\"", "\"field\":\"n\",\"problem\":\"expected an integer, got 1.5\",\"row\":2")
                .contains("\"field\":\"x\",\"problem\":\"is missing", "\"row\":2");

        // the pipeline refuses a category training never saw: the row and the column are named
        var unseen = http.post("/api/v1/models/" + model + "/predict", "application/json",
                json(List.of(TestRegistry.row(1, "red", true, 1), TestRegistry.row(1, "purple", true, 1))));
        assertThat(unseen.statusCode()).as(unseen.body()).isEqualTo(400);
        assertThat(http.json(unseen).path("errors").get(0).path("field").asString()).isEqualTo("colour");
        assertThat(http.json(unseen).path("errors").get(0).path("row").asInt()).isEqualTo(1);

        var tensor = http.post("/v2/models/" + model + "/infer", "application/json", json(Map.of("inputs", List.of(
                Map.of("name", "x", "datatype", "FP64", "shape", List.of(2), "data", List.of(1.0)),
                Map.of("name", "colour", "datatype", "FP64", "shape", List.of(1), "data", List.of("red"))))));
        assertThat(tensor.statusCode()).isEqualTo(400);
        assertThat(http.json(tensor).path("error").asString()).contains("x has 1 values for shape [2]");
        assertThat(http.json(tensor).path("errors").toString()).contains("\"field\":\"colour\"");

        var csv = http.post("/invocations?model=" + model, "text/csv", "x,colour\n1.0\n");
        assertThat(csv.statusCode()).isEqualTo(400);
        var notJson = http.post("/invocations?model=" + model, "application/json", "{\"instances\": [");
        assertThat(notJson.statusCode()).isEqualTo(400);

        String unknown = "no-such-model-" + System.nanoTime();
        assertThat(http.post("/api/v1/models/" + unknown + "/predict", "application/json",
                json(TestRegistry.row(1, "red", true, 1))).statusCode()).isEqualTo(404);
        assertThat(http.get("/v2/models/" + unknown).statusCode()).isEqualTo(404);
        assertThat(http.get("/v2/models/" + model + "/versions/999").statusCode()).isEqualTo(404);
    }

    @Test
    void tenAliasMovesUnderSteadyLoadFailNoRequestAndChangeTheServedVersion() throws Exception {
        String model = "swaps-" + System.nanoTime();
        String first = TestRegistry.champion(model, FIRST);
        String second = TestRegistry.register(model, ModelBundles.toBytes(SECOND));
        ok(http.post("/api/v1/models/" + model + "/predict", "application/json", json(ROWS.getFirst())));

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(http.baseUrl() + "/api/v1/models/" + model + "/predict");
        String body = json(Map.of("records", ROWS));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger succeeded = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            callers.add(Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            succeeded.incrementAndGet();
                            versionsSeen.add(JSON.readTree(response.body()).path("version").asString());
                        } else {
                            failures.add(response.statusCode() + " " + response.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        try {
            for (int move = 1; move <= 10; move++) {
                String target = move % 2 == 1 ? second : first;
                TestRegistry.alias(model, "champion", target);
                await(() -> target.equals(servedVersion(model)), "champion of " + model + " to serve version " + target);
                int before = succeeded.get();
                await(() -> succeeded.get() > before + 20, "requests to go on after move " + move);
            }
        } finally {
            running.set(false);
            for (Thread caller : callers) {
                caller.join();
            }
        }
        assertThat(failures).isEmpty();
        assertThat(succeeded.get()).isGreaterThan(200);
        assertThat(versionsSeen).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void aCorruptedBundleAndOneOutsideTheAllowlistAreRefusedWhileThePreviousVersionKeepsServing() {
        String model = "refused-" + System.nanoTime();
        String good = TestRegistry.champion(model, FIRST);
        ok(http.post("/api/v1/models/" + model + "/predict", "application/json", json(ROWS.getFirst())));

        // bytes that do not hash to what the registry recorded, on the path every alias move takes
        String another = TestRegistry.register(model, ModelBundles.toBytes(SECOND));
        ModelVersionRef recorded = registry.version(model, another).orElseThrow();
        boolean swapped = catalog.activate(model, "champion",
                new ModelVersionRef(model, another, recorded.artifactUri(), "ab".repeat(32)));
        assertThat(swapped).isFalse();
        JsonNode status = ok(http.get("/api/v1/models/" + model));
        JsonNode champion = status.path("aliases").get(0);
        assertThat(champion.path("version").asString()).isEqualTo(good);
        assertThat(champion.path("state").asString()).isEqualTo("SERVING");
        assertThat(champion.path("lastError").path("reason").asString()).isEqualTo("INTEGRITY");
        assertThat(champion.path("lastError").path("version").asString()).isEqualTo(another);

        // a payload outside the allowlist, registered and made champion the way a trainer would
        String foreign = TestRegistry.register(model, TestRegistry.foreignPayload());
        TestRegistry.alias(model, "champion", foreign);
        await(() -> "FORMAT".equals(ok(http.get("/api/v1/models/" + model)).path("aliases").get(0)
                .path("lastError").path("reason").asString()), "the foreign bundle to be refused");
        JsonNode after = ok(http.get("/api/v1/models/" + model)).path("aliases").get(0);
        assertThat(after.path("version").asString()).isEqualTo(good);
        assertThat(after.path("lastError").path("message").asString()).contains("java.util.PriorityQueue");
        JsonNode answer = ok(http.post("/api/v1/models/" + model + "/predict", "application/json", json(ROWS.getFirst())));
        assertThat(answer.path("version").asString()).isEqualTo(good);

        String prometheus = http.get("/actuator/prometheus").body();
        assertThat(prometheus)
                .contains("vops_serving_model_load_failures_total{application=\"serving-service\",model=\"" + model
                        + "\",reason=\"INTEGRITY\"} 1.0")
                .contains("vops_serving_model_load_failures_total{application=\"serving-service\",model=\"" + model
                        + "\",reason=\"FORMAT\"} 1.0");
        // a version named explicitly that cannot be loaded is a 503, not a 500
        var pinned = http.get("/v2/models/" + model + "/versions/" + foreign);
        assertThat(pinned.statusCode()).isEqualTo(503);
    }

    @Test
    void predictionsAndFeedbackReachKafka() {
        String model = "logged-" + System.nanoTime();
        String version = TestRegistry.champion(model, FIRST);
        JsonNode answer = ok(http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/v1/models/" + model
                + "/predict")).header("Content-Type", "application/json").header("X-Request-Id", "req-" + model)
                .POST(HttpRequest.BodyPublishers.ofString(json(ROWS.get(1)))).build()));
        String id = answer.path("predictions").get(0).path("predictionId").asString();

        List<String> logged = kafka.awaitContaining(Topics.PREDICTIONS, id, 1, Duration.ofSeconds(30));
        assertThat(logged).hasSize(1);
        JsonNode event = JSON.readTree(logged.getFirst());
        assertThat(event.path("type").asString()).isEqualTo("predictions.made");
        assertThat(event.path("subject").asString()).isEqualTo(model);
        JsonNode item = predictions(logged).stream().filter(p -> p.path("made").path("predictionId").asString()
                .equals(id)).findFirst().orElseThrow();
        JsonNode made = item.path("made");
        assertThat(made.path("version").asString()).isEqualTo(version);
        assertThat(made.path("inputs").path("colour").asString()).isEqualTo("blue");
        assertThat(made.path("shadow").asBoolean()).isFalse();
        assertThat(made.path("latencyMs").isNumber()).as(logged.getFirst()).isTrue();
        assertThat(made.path("latencyMs").asDouble()).isPositive();
        assertThat(item.path("requestId").asString()).isEqualTo("req-" + model);

        var accepted = http.post("/api/v1/feedback", "application/json",
                json(Map.of("predictionId", id, "model", model, "actual", "high")));
        assertThat(accepted.statusCode()).isEqualTo(202);
        List<String> feedback = kafka.awaitContaining(Topics.FEEDBACK, id, 1, Duration.ofSeconds(30));
        assertThat(JSON.readTree(feedback.getFirst()).path("data").path("actual").asString()).isEqualTo("high");

        var refused = http.post("/api/v1/feedback", "application/json",
                json(List.of(Map.of("predictionId", "nope", "model", model, "actual", "high"), Map.of("model", ""))));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("[0].predictionId", "[1].model", "[1].actual");
    }

    @Test
    void theCanaryTakesItsShareStickyPerKeyAndTheShadowIsLoggedButNeverReturned() {
        String model = "traffic-" + System.nanoTime();
        String champion = TestRegistry.champion(model, FIRST);
        String challenger = TestRegistry.register(model, ModelBundles.toBytes(SECOND));
        TestRegistry.alias(model, "challenger", challenger);

        ok(http.put("/api/v1/models/" + model + "/traffic", json(Map.of("canaryAlias", "challenger", "canaryShare", 0.5))));
        await(() -> ok(http.get("/api/v1/models/" + model)).path("aliases").toString().contains("\"version\":\"" + challenger + "\""),
                "the challenger to be loaded");
        Map<String, String> versionByKey = new java.util.HashMap<>();
        for (int k = 0; k < 40; k++) {
            versionByKey.put("user-" + k, predictWithKey(model, "user-" + k));
        }
        assertThat(new HashSet<>(versionByKey.values())).containsExactlyInAnyOrder(champion, challenger);
        versionByKey.forEach((key, version) -> assertThat(predictWithKey(model, key)).isEqualTo(version));

        ok(http.put("/api/v1/models/" + model + "/traffic", json(Map.of("shadow", "challenger", "canaryShare", 0))));
        JsonNode answer = ok(http.post("/api/v1/models/" + model + "/predict", "application/json", json(ROWS.get(2))));
        assertThat(answer.path("version").asString()).isEqualTo(champion);
        String id = answer.path("predictions").get(0).path("predictionId").asString();
        java.util.function.Function<List<String>, List<JsonNode>> answersTo = messages -> predictions(messages).stream()
                .map(p -> p.path("made")).filter(p -> p.path("predictionId").asString().equals(id)).toList();
        List<JsonNode> logged = answersTo.apply(kafka.read(Topics.PREDICTIONS, text -> text.contains(id),
                found -> answersTo.apply(found).size() >= 2, Duration.ofSeconds(30), Duration.ZERO));
        assertThat(logged).hasSize(2);
        assertThat(logged).anySatisfy(p -> assertThat(p.path("shadow").asBoolean()).isTrue())
                .anySatisfy(p -> assertThat(p.path("version").asString()).isEqualTo(challenger));
        assertThat(logged).filteredOn(p -> p.path("shadow").asBoolean()).singleElement()
                .satisfies(p -> assertThat(p.path("version").asString()).isEqualTo(challenger));
        assertThat(logged).filteredOn(p -> !p.path("shadow").asBoolean()).singleElement()
                .satisfies(p -> assertThat(p.path("version").asString()).isEqualTo(champion));
        JsonNode stats = ok(http.get("/api/v1/models/" + model + "/stats"));
        assertThat(stats.path("versions").get(0).path("version").asString()).isEqualTo(champion);
        assertThat(stats.path("versions").get(0).path("roles").toString()).isEqualTo("[\"champion\"]");
        assertThat(stats.path("versions").get(1).path("version").asString()).isEqualTo(challenger);
        assertThat(stats.path("versions").get(1).path("roles").toString()).isEqualTo("[\"canary\",\"shadow\"]");
        assertThat(stats.path("versions").get(0).path("requests").asLong()
                + stats.path("versions").get(1).path("requests").asLong()).isEqualTo(80 + 1 + 1);

        var invalid = http.put("/api/v1/models/" + model + "/traffic", json(Map.of("canaryAlias", "challenger", "canaryShare", 3)));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("canaryShare");
    }

    @Test
    void liveStatsCountEachVersionsRequestsAndErrorsUnderTheRoleThatPickedIt() {
        String model = "stats-" + System.nanoTime();
        String champion = TestRegistry.champion(model, FIRST);
        String pinned = TestRegistry.register(model, ModelBundles.toBytes(SECOND));
        JsonNode quiet = ok(http.get("/api/v1/models/" + model + "/stats"));
        assertThat(quiet.path("model").asString()).isEqualTo(model);
        assertThat(quiet.path("versions").isArray()).isTrue();
        assertThat(quiet.path("versions").size()).isZero();

        for (int i = 0; i < 3; i++) {
            ok(http.post("/api/v1/models/" + model + "/predict", "application/json", json(Map.of("records", ROWS))));
        }
        assertThat(http.post("/api/v1/models/" + model + "/predict", "application/json",
                json(Map.of("x", "lots", "colour", "red"))).statusCode()).isEqualTo(400);
        for (int i = 0; i < 2; i++) {
            ok(http.post("/api/v1/models/" + model + "/predict?version=" + pinned, "application/json", json(ROWS.get(i))));
        }

        JsonNode stats = ok(http.get("/api/v1/models/" + model + "/stats"));
        assertThat(stats.path("windowSeconds").asInt()).isEqualTo(300);
        assertThat(stats.path("bucketSeconds").asInt()).isEqualTo(5);
        JsonNode first = stats.path("versions").get(0);
        JsonNode second = stats.path("versions").get(1);
        assertThat(stats.path("versions").size()).isEqualTo(2);
        assertThat(first.path("version").asString()).isEqualTo(champion);
        assertThat(first.path("roles").toString()).isEqualTo("[\"champion\"]");
        assertThat(first.path("requests").asLong()).isEqualTo(4);
        assertThat(first.path("errors").asLong()).isEqualTo(1);
        assertThat(first.path("latencyMs").path("p50").asDouble()).isPositive();
        assertThat(first.path("latencyMs").path("p99").asDouble())
                .isGreaterThanOrEqualTo(first.path("latencyMs").path("p50").asDouble());
        assertThat(first.path("series").size()).isEqualTo(60);
        long inSeries = 0;
        for (JsonNode bucket : first.path("series")) {
            inSeries += bucket.path("requests").asLong();
        }
        assertThat(inSeries).isEqualTo(4);
        assertThat(second.path("version").asString()).isEqualTo(pinned);
        assertThat(second.path("roles").toString()).isEqualTo("[\"version\"]");
        assertThat(second.path("requests").asLong()).isEqualTo(2);
        assertThat(second.path("errors").asLong()).isZero();

        var unknown = http.get("/api/v1/models/no-such-model-" + System.nanoTime() + "/stats");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(http.json(unknown).path("type").asString()).endsWith("/not-found");
    }

    @Test
    void theScoringRoutesLookedUpFirstAnswerAWrongMethodOrBodyAndAppearInTheApiDocsAsBefore() {
        String model = "routes-" + System.nanoTime();
        TestRegistry.champion(model, FIRST);
        var wrongType = http.post("/api/v1/models/" + model + "/predict", "text/plain", "a=1");
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(http.get("/api/v1/models/" + model + "/predict").statusCode()).isEqualTo(405);
        assertThat(http.get("/v2/models/" + model + "/infer").statusCode()).isEqualTo(405);
        // a GET beside the scoring routes still reaches its own handler
        assertThat(http.get("/v2/models/" + model).statusCode()).isEqualTo(200);
        String docs = http.get("/v3/api-docs").body();
        assertThat(docs).contains("/api/v1/models/{model}/predict", "/v2/models/{model}/infer",
                "/v2/models/{model}/versions/{version}/infer");
    }

    @Test
    void aPlainPredictionAndOneLeftToSpringMvcGetTheSameAnswersProblemsAndMetrics() {
        String model = "paths-" + System.nanoTime();
        String version = TestRegistry.champion(model, FIRST);
        String path = "/api/v1/models/" + model + "/predict";
        // a plain request takes the hot path; a weighted Accept is left to Spring MVC's negotiation and the controller
        java.util.function.BiFunction<String, String, HttpResponse<String>> send = (accept, body) -> http.send(
                HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).header("Content-Type", "application/json")
                        .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        for (String body : List.of(json(ROWS.get(1)), json(ROWS), json(Map.of("records", ROWS.subList(0, 2))))) {
            JsonNode plain = ok(send.apply("application/json", body));
            JsonNode viaMvc = ok(send.apply("application/json;q=0.9", body));
            assertThat(plain.path("version").asString()).isEqualTo(version);
            assertThat(withoutIds(plain)).isEqualTo(withoutIds(viaMvc));
            assertThat(plain.path("predictions").get(0).path("predictionId").asString()).hasSize(36);
        }
        for (String bad : List.of("{\"x\": ", "[1, 2]", "{\"x\": 1.5} {}", "", "\"text\"",
                json(Map.of("entityIds", List.of())))) {
            HttpResponse<String> plain = send.apply("application/json", bad);
            HttpResponse<String> viaMvc = send.apply("application/json;q=0.9", bad);
            assertThat(plain.statusCode()).as(bad + ": " + plain.body()).isEqualTo(400).isEqualTo(viaMvc.statusCode());
            assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = http.json(plain);
            JsonNode mvcProblem = http.json(viaMvc);
            assertThat(problem.path("type").asString()).as(bad).isEqualTo(mvcProblem.path("type").asString());
            assertThat(problem.path("errors").path(0).path("field").asString()).as(bad)
                    .isEqualTo(mvcProblem.path("errors").path(0).path("field").asString());
            assertThat(problem.path("detail").asString()).as(bad).isNotBlank();
        }
        assertThat(http.json(send.apply("application/json", "{\"x\": ")).path("detail").asString())
                .contains("not valid JSON");
        assertThat(send.apply("text/csv", json(ROWS.get(1))).statusCode()).isEqualTo(406);
        String unknown = "/api/v1/models/no-such-" + System.nanoTime() + "/predict";
        var missing = http.post(unknown, "application/json", json(ROWS.get(1)));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(http.json(missing).path("type").asString()).endsWith("/not-found");
        // the request metric names the route's pattern, as it does for every other endpoint
        await(() -> http.get("/actuator/prometheus").body().lines().anyMatch(l -> l.startsWith(
                "http_server_requests_seconds_count") && l.contains("method=\"POST\"") && l.contains(
                        "uri=\"/api/v1/models/{model}/predict\"") && l.contains("status=\"200\"")),
                "the predict route's request metric");
    }

    /** The logged predictions ({@code requestId} and {@code made}) the prediction log's messages carry. */
    private static List<JsonNode> predictions(List<String> messages) {
        List<JsonNode> predictions = new ArrayList<>();
        for (String message : messages) {
            JsonNode event = JSON.readTree(message);
            assertThat(event.path("type").asString()).isEqualTo("predictions.made");
            event.path("data").path("predictions").values().forEach(predictions::add);
        }
        return predictions;
    }

    private static JsonNode withoutIds(JsonNode answer) {
        var copy = (tools.jackson.databind.node.ObjectNode) answer.deepCopy();
        copy.path("predictions").values().forEach(p -> ((tools.jackson.databind.node.ObjectNode) p).remove("predictionId"));
        return copy;
    }

    @Test
    void aBatchJobScoresAnUploadedCsvAndItsResultsDownloadAsCsvAndNdjson() {
        String model = "batch-" + System.nanoTime();
        String version = TestRegistry.champion(model, FIRST);
        StringBuilder csv = new StringBuilder("id,x,colour,flag,n\n");
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> row = ROWS.get(i % ROWS.size());
            csv.append(i).append(',').append(row.get("x")).append(',').append(i == 7 ? "" : row.get("colour"))
                    .append(',').append(row.get("flag")).append(',').append(row.get("n")).append('\n');
        }
        var submitted = http.post("/api/v1/batch-predictions?model=" + model, "text/csv", csv.toString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String job = http.json(submitted).path("jobId").asString();
        await(() -> ok(http.get("/api/v1/batch-predictions/" + job)).path("status").asString().equals("SUCCEEDED"),
                "the batch job to finish");
        JsonNode status = ok(http.get("/api/v1/batch-predictions/" + job));
        assertThat(status.path("version").asString()).isEqualTo(version);
        assertThat(status.path("rowsScored").asLong()).isEqualTo(999);
        assertThat(status.path("rowsFailed").asLong()).isEqualTo(1);

        List<String> lines = http.get("/api/v1/batch-predictions/" + job + "/results").body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("row,prediction_id,prediction,p_low,p_high,error");
        assertThat(lines).hasSize(1001);
        List<Prediction> expected = FIRST.predict(ROWS);
        String[] second = lines.get(2).split(",");
        assertThat(second[0]).isEqualTo("1");
        assertThat(second[2]).isEqualTo(String.valueOf(expected.get(1).value()));
        assertThat(second[3]).isEqualTo(String.valueOf(expected.get(1).probabilities().get("low")));
        assertThat(lines.get(8)).startsWith("7,,,,,").contains("colour");

        // every scored row is logged like a live prediction, under the id its result line gives, with the job as
        // its request; the row that failed is not
        String predictionId = second[1];
        List<String> logged = kafka.awaitContaining(Topics.PREDICTIONS, predictionId, 1, Duration.ofSeconds(30));
        JsonNode item = predictions(logged).stream().filter(p -> p.path("made").path("predictionId").asString()
                .equals(predictionId)).findFirst().orElseThrow();
        assertThat(item.path("made").path("version").asString()).isEqualTo(version);
        assertThat(item.path("made").path("prediction").asString()).isEqualTo(String.valueOf(expected.get(1).value()));
        assertThat(item.path("made").path("inputs").has("colour")).isTrue();
        assertThat(item.path("requestId").asString()).isEqualTo("batch-" + job);
        java.util.function.Function<List<String>, Long> ofThisModel = messages -> predictions(messages).stream()
                .filter(p -> p.path("made").path("model").asString().equals(model)).count();
        assertThat(ofThisModel.apply(kafka.read(Topics.PREDICTIONS, text -> text.contains(model),
                found -> ofThisModel.apply(found) >= 999, Duration.ofSeconds(30), Duration.ofSeconds(2)))).isEqualTo(999);
        List<String> ndjson = http.get("/api/v1/batch-predictions/" + job + "/results?format=ndjson").body().lines().toList();
        assertThat(ndjson).hasSize(1000);
        assertThat(JSON.readTree(ndjson.get(3)).path("p_high").asDouble()).isEqualTo(expected.get(3).probabilities().get("high"));

        var noModel = http.post("/api/v1/batch-predictions", "application/json", json(Map.of("snapshotId", "x")));
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/batch-predictions/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    private String predictWithKey(String model, String key) {
        return ok(http.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/v1/models/" + model + "/predict"))
                .header("Content-Type", "application/json").header("X-Request-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json(ROWS.getFirst()))).build())).path("version").asString();
    }

    private String servedVersion(String model) {
        return ok(http.get("/api/v1/models/" + model)).path("aliases").get(0).path("version").asString();
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

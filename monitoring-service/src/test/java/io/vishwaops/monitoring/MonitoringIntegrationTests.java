package io.vishwaops.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.EventType;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.predictions.FeedbackReceived;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.contracts.predictions.PredictionsMade;
import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.testsupport.HttpProbe;
import io.vishwaops.testsupport.KafkaProbe;
import io.vishwaops.testsupport.ServiceIntegrationTest;
import io.vishwaops.testsupport.SharedInfrastructure;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Monitoring on the shared broker and PostgreSQL, with the real registry in the same JVM: the student model's
 * predictions, shifted and not, through the prediction log; labels through the feedback topic; the alerts and
 * retraining requests read back from their topics as training would read them. Rounds are run on demand
 * ({@code POST .../evaluations}) so each test decides when the service looks.
 */
@ServiceIntegrationTest
class MonitoringIntegrationTests {

    private static final int STUDENTS = 395;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("vops.monitoring.registry-url", TestRegistry::url);
        registry.add("vops.monitoring.window.size", () -> STUDENTS);
        registry.add("vops.monitoring.evaluation-interval", () -> "1h");
    }

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());
    private HttpProbe http;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        http = HttpProbe.localhost(port);
    }

    @Test
    void shiftedInputsDriftOnExactlyThoseFeaturesAlertOncePerEpisodeAndAskForRetrainingOncePerCoolDown() {
        String model = "students-" + suffix();
        ModelBundle bundle = StudentModel.bundle(Map.of("accuracy", 0.9));
        String version = TestRegistry.register(model, bundle);
        // any drifted column counts for this model; 300 predictions are enough for a verdict
        assertThat(http.put("/api/v1/monitoring/models/" + model + "/policy",
                "{\"driftShare\":0.05,\"retraining\":{\"minSamples\":300}}").statusCode()).isEqualTo(200);

        predict(model, version, bundle, StudentModel.rows());
        JsonNode calm = evaluateWhenSeen(model, STUDENTS);
        assertThat(calm.get("version").asString()).isEqualTo(version);
        assertThat(calm.get("windowSize").asInt()).isEqualTo(STUDENTS);
        assertThat(drifted(calm)).isEmpty();
        assertThat(calm.at("/dataset/drifted").asBoolean()).isFalse();

        predict(model, version, bundle, StudentModel.shifted());
        JsonNode shifted = evaluateWhenSeen(model, 2 * STUDENTS);
        assertThat(drifted(shifted)).containsExactlyInAnyOrder("absences", "higher");
        JsonNode absences = feature(shifted, "absences");
        assertThat(absences.get("method").asString()).as("Evidently's default for ≤ 1000 reference rows").isEqualTo("ks");
        assertThat(absences.get("score").asDouble()).isLessThan(0.05);
        assertThat(feature(shifted, "higher").get("method").asString()).isEqualTo("z");
        assertThat(feature(shifted, "age").get("drifted").asBoolean()).isFalse();
        assertThat(shifted.at("/dataset/drifted").asBoolean()).isTrue();
        assertThat(shifted.at("/dataset/columns").asInt()).isEqualTo(31);

        // still drifted: the episode goes on, no second alert
        evaluate(model);
        // back to normal, then drifted again: a second episode and alert, but the cool-down holds retraining back
        predict(model, version, bundle, StudentModel.rows());
        assertThat(drifted(evaluateWhenSeen(model, 3 * STUDENTS))).isEmpty();
        predict(model, version, bundle, StudentModel.shifted());
        assertThat(drifted(evaluateWhenSeen(model, 4 * STUDENTS))).containsExactlyInAnyOrder("absences", "higher");

        List<JsonNode> alerts = read(Topics.MONITORING_ALERTS, model, 2);
        assertThat(alerts).extracting(a -> a.get("type").asString()).containsOnly("drift.detected").hasSize(2);
        JsonNode alert = alerts.getFirst().get("data");
        assertThat(alert.get("version").asString()).isEqualTo(version);
        assertThat(alert.get("windowSize").asLong()).isEqualTo(STUDENTS);
        List<String> driftedInAlert = new ArrayList<>();
        alert.get("features").forEach(f -> {
            if (f.get("drifted").asBoolean() && !f.get("feature").asString().equals("prediction")) {
                driftedInAlert.add(f.get("feature").asString());
            }
        });
        assertThat(driftedInAlert).containsExactlyInAnyOrder("absences", "higher");

        List<JsonNode> requests = read(Topics.RETRAINING_REQUESTS, model, 1);
        assertThat(requests).hasSize(1);
        JsonNode request = requests.getFirst();
        assertThat(request.get("type").asString()).isEqualTo("retraining.requested");
        assertThat(request.get("subject").asString()).isEqualTo(StudentModel.PIPELINE);
        assertThat(request.at("/data/pipeline").asString()).isEqualTo(StudentModel.PIPELINE);
        assertThat(request.at("/data/trigger").asString()).isEqualTo("drift");
        assertThat(request.at("/data/cause").asString()).isEqualTo(alerts.getFirst().get("eventId").asString());

        JsonNode history = http.json(http.get("/api/v1/monitoring/alerts?model=" + model)).get("alerts");
        List<String> kinds = new ArrayList<>();
        history.forEach(a -> kinds.add(a.get("kind").asString() + (a.get("active").asBoolean() ? " (active)" : "")));
        assertThat(kinds).as("the second episode, which lasts; the request").containsExactlyInAnyOrder("drift (active)",
                "retraining");
        // the episode keeps the values that raised it: the drifted inputs with their tests and scores
        JsonNode episode = null;
        for (JsonNode entry : history) {
            if (entry.get("kind").asString().equals("drift")) {
                episode = entry;
            }
        }
        List<String> driftedWhenRaised = new ArrayList<>();
        for (JsonNode feature : episode.at("/details/features")) {
            if (feature.get("drifted").asBoolean()) {
                driftedWhenRaised.add(feature.get("feature").asString());
                assertThat(feature.get("score").asDouble()).isLessThan(feature.get("threshold").asDouble());
            }
        }
        assertThat(driftedWhenRaised).as(episode.toString()).contains("absences", "higher");
        assertThat(episode.at("/details/windowSize").asInt()).isPositive();

        // the histograms as data: each side's shares sum to 1, and the shifted input's current share moved
        JsonNode histograms = http.json(http.get("/api/v1/monitoring/models/" + model + "/drift/histograms"));
        assertThat(histograms.get("version").asString()).isEqualTo(version);
        JsonNode absencesHistogram = null;
        for (JsonNode column : histograms.get("columns")) {
            if (column.get("feature").asString().equals("absences")) {
                absencesHistogram = column;
            }
        }
        assertThat(absencesHistogram).as(histograms.toString()).isNotNull();
        assertThat(absencesHistogram.get("bins").size()).isEqualTo(absencesHistogram.get("reference").size())
                .isEqualTo(absencesHistogram.get("current").size()).isPositive();
        double referenceShare = 0;
        double currentShare = 0;
        double moved = 0;
        for (int i = 0; i < absencesHistogram.get("bins").size(); i++) {
            referenceShare += absencesHistogram.get("reference").get(i).asDouble();
            currentShare += absencesHistogram.get("current").get(i).asDouble();
            moved += Math.abs(absencesHistogram.get("reference").get(i).asDouble() - absencesHistogram.get("current").get(i).asDouble());
        }
        assertThat(referenceShare).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(currentShare).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(moved).as("the shifted column's shares moved between bins").isGreaterThan(0.1);

        String page = http.get("/api/v1/monitoring/models/" + model + "/drift.html").body();
        assertThat(page).contains("<svg", "absences", "Dataset drifted").doesNotContain("<script", "http://", "https://");
        String scrape = http.get("/actuator/prometheus").body();
        assertThat(scrape).contains("vops_monitoring_feature_drifted{application=\"monitoring-service\",feature=\"absences\",model=\""
                + model + "\",version=\"" + version + "\"} 1.0");
        assertThat(scrape).contains("vops_monitoring_window_size{application=\"monitoring-service\",model=\"" + model
                + "\",version=\"" + version + "\"} " + STUDENTS + ".0");
    }

    @Test
    void unknownVersionsAndLabelsOfUnknownPredictionsAreCountedAndSetAsideAndDuplicatesCountOnce() {
        String model = "students-" + suffix();
        ModelBundle bundle = StudentModel.bundle(Map.of("accuracy", 0.9));
        String version = TestRegistry.register(model, bundle);
        double unknownBefore = counter("vops.monitoring.set.aside", "reason", "unknown-version");
        double malformedBefore = counter("vops.monitoring.set.aside", "reason", "malformed");
        double parkedBefore = counter("vops.monitoring.feedback", "outcome", "parked");

        // a version the registry does not know, its event delivered twice
        var unknown = envelope(model, new PredictionMade(UUID.randomUUID(), model, "99", StudentModel.rows().getFirst(),
                "pass", Map.of(), false, Instant.now(), null));
        kafka.send(Topics.PREDICTIONS, model, json.writeValueAsString(unknown));
        kafka.send(Topics.PREDICTIONS, model, json.writeValueAsString(unknown));
        kafka.send(Topics.PREDICTIONS, model, "{not an event");
        // two more of unknown versions in one chunk of the current form, the chunk delivered twice: each is set aside
        // once, under an id of its own
        String chunk = json.writeValueAsString(envelope(model, new PredictionsMade(model, List.of(
                new PredictionsMade.Logged("r1", new PredictionMade(UUID.randomUUID(), model, "98",
                        StudentModel.rows().getFirst(), "pass", Map.of(), false, Instant.now(), 2.0)),
                new PredictionsMade.Logged(null, new PredictionMade(UUID.randomUUID(), model, "97",
                        StudentModel.rows().get(1), "fail", Map.of(), false, Instant.now(), 2.0))))));
        kafka.send(Topics.PREDICTIONS, model, chunk);
        kafka.send(Topics.PREDICTIONS, model, chunk);
        // a version whose bundle is not a bundle at all
        String broken = TestRegistry.register(model, "not a model bundle".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        kafka.send(Topics.PREDICTIONS, model, json.writeValueAsString(envelope(model, new PredictionMade(UUID.randomUUID(),
                model, broken, StudentModel.rows().getFirst(), "pass", Map.of(), false, Instant.now(), null))));
        // one prediction delivered twice, and a label for a prediction never made
        UUID once = UUID.randomUUID();
        var prediction = envelope(model, new PredictionMade(once, model, version, StudentModel.rows().getFirst(),
                "pass", Map.of("fail", 0.2, "pass", 0.8), false, Instant.now(), null));
        kafka.send(Topics.PREDICTIONS, model, json.writeValueAsString(prediction));
        kafka.send(Topics.PREDICTIONS, model, json.writeValueAsString(envelope(model, prediction.data())));
        // the challenger's shadow answer to the same request carries the same prediction id
        kafka.send(Topics.PREDICTIONS, model, json.writeValueAsString(envelope(model, new PredictionMade(once, model,
                version, StudentModel.rows().getFirst(), "fail", Map.of("fail", 0.6, "pass", 0.4), true, Instant.now(), null))));
        UUID never = UUID.randomUUID();
        feedback(model, never, "fail");
        feedback(model, never, "fail");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(jdbc.sql("select count(*) from set_aside_prediction where model = :m and reason = 'unknown-version'")
                    .param("m", model).query(Long.class).single()).isEqualTo(3);
            assertThat(counter("vops.monitoring.set.aside", "reason", "malformed") - malformedBefore).isEqualTo(1);
            assertThat(jdbc.sql("select reason from set_aside_prediction where model = :m and version = :v")
                    .param("m", model).param("v", broken).query(String.class).list()).containsExactly("unloadable");
            assertThat(jdbc.sql("select count(*) from parked_feedback where prediction_id = :id").param("id", never)
                    .query(Long.class).single()).isEqualTo(1);
            assertThat(drift(model).get("predictionsSeen").asLong()).isEqualTo(1);
        });
        kafka.awaitContaining(Topics.deadLetter(Topics.PREDICTIONS), "{not an event", 1, Duration.ofSeconds(30));
        assertThat(counter("vops.monitoring.set.aside", "reason", "unknown-version") - unknownBefore).isEqualTo(3);
        assertThat(counter("vops.monitoring.feedback", "outcome", "parked") - parkedBefore).isEqualTo(1);
        assertThat(jdbc.sql("select shadow from prediction where prediction_id = :id order by shadow").param("id", once)
                .query(Boolean.class).list()).as("the live prediction once, and its shadow").containsExactly(false, true);
        JsonNode report = drift(model);
        assertThat(report.get("windowSize").asInt()).isEqualTo(1);
        assertThat(report.get("predictionsSeen").asLong()).isEqualTo(1);

        // the label arrives before its prediction: parked, then joined when the prediction shows up
        UUID early = UUID.randomUUID();
        feedback(model, early, "fail");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from parked_feedback where prediction_id = :id")
                .param("id", early).query(Long.class).single() == 1);
        kafka.send(Topics.PREDICTIONS, model, json.writeValueAsString(envelope(model, new PredictionMade(early, model,
                version, StudentModel.rows().get(1), "pass", Map.of("fail", 0.3, "pass", 0.7), false, Instant.now(), null))));
        await().atMost(Duration.ofSeconds(30)).until(() -> drift(model).get("predictionsSeen").asLong() == 2);
        evaluate(model);
        assertThat(jdbc.sql("select actual_label from prediction where prediction_id = :id").param("id", early)
                .query(String.class).single()).isEqualTo("fail");
        assertThat(jdbc.sql("select count(*) from parked_feedback where prediction_id = :id").param("id", early)
                .query(Long.class).single()).isZero();

        assertThat(http.get("/api/v1/monitoring/models/no-such-model/drift").statusCode()).isEqualTo(404);
    }

    @Test
    void labelsArrivingLaterUpdateLiveMetricsAndADecayedModelRaisesPerformanceDegradedOnce() {
        String model = "students-" + suffix();
        ModelBundle bundle = StudentModel.bundle(Map.of("accuracy", 0.95, "f1_macro", 0.9));
        String version = TestRegistry.register(model, bundle);
        assertThat(http.put("/api/v1/monitoring/models/" + model + "/policy",
                "{\"minLabelled\":100,\"maxDecay\":0.2,\"retraining\":{\"onDecay\":false}}").statusCode()).isEqualTo(200);
        List<Map<String, Object>> rows = StudentModel.rows().subList(0, 200);
        List<UUID> ids = predict(model, version, bundle, rows);
        await().atMost(Duration.ofSeconds(60)).until(() -> drift(model).get("predictionsSeen").asLong() == rows.size());

        // the first hundred labels agree with the model
        for (int i = 0; i < 100; i++) {
            feedback(model, ids.get(i), bundle.predict(rows.get(i)).value());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> performance(model).get("labelled").asInt() == 100);
        JsonNode good = performance(model);
        assertThat(metric(good, "accuracy").get("live").asDouble()).isEqualTo(1.0);
        assertThat(good.get("degraded").asBoolean()).isFalse();
        evaluate(model);

        // the next hundred, hours later, say the opposite
        for (int i = 100; i < 200; i++) {
            feedback(model, ids.get(i), bundle.predict(rows.get(i)).value().equals("pass") ? "fail" : "pass");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> performance(model).get("labelled").asInt() == 200);
        JsonNode decayed = performance(model);
        assertThat(metric(decayed, "accuracy").get("live").asDouble()).isEqualTo(0.5);
        assertThat(metric(decayed, "accuracy").get("test").asDouble()).isEqualTo(0.95);
        assertThat(decayed.get("degraded").asBoolean()).isTrue();
        evaluate(model);
        evaluate(model);

        List<JsonNode> alerts = read(Topics.MONITORING_ALERTS, model, 1);
        assertThat(alerts).extracting(a -> a.get("type").asString()).containsExactly("performance.degraded");
        JsonNode alert = alerts.getFirst().get("data");
        assertThat(alert.get("version").asString()).isEqualTo(version);
        assertThat(alert.get("testValue").asDouble()).isIn(0.95, 0.9);
        assertThat(alert.get("windowSize").asLong()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").body()).contains("vops_monitoring_live_metric{application=\"monitoring-service\",metric=\"accuracy\",model=\""
                + model + "\",version=\"" + version + "\"} 0.5");
    }

    @Test
    void aPolicyWithAnUnknownMethodOrABadShareIsRefusedNamingTheField() {
        var response = http.put("/api/v1/monitoring/models/any/policy",
                "{\"features\":{\"absences\":{\"method\":\"t-test\"}},\"driftShare\":1.5}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("/features/absences/method", "t-test", "/driftShare");
        JsonNode effective = http.json(http.get("/api/v1/monitoring/models/any/policy")).get("effective");
        assertThat(effective.get("driftShare").asDouble()).isEqualTo(0.5);
        assertThat(effective.get("coolDown").asString()).isEqualTo("PT6H");
    }

    /** Predictions as serving logs them: many to a message ({@code predictions.made}). */
    private List<UUID> predict(String model, String version, ModelBundle bundle, List<Map<String, Object>> rows) {
        List<String> events = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<PredictionsMade.Logged> chunk = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            var answer = bundle.predict(row);
            UUID id = UUID.randomUUID();
            ids.add(id);
            chunk.add(new PredictionsMade.Logged("req-" + id, new PredictionMade(id, model, version, row, answer.value(),
                    answer.probabilities(), false, Instant.now(), 1.5)));
            if (chunk.size() == 50) {
                events.add(json.writeValueAsString(envelope(model, new PredictionsMade(model, List.copyOf(chunk)))));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            events.add(json.writeValueAsString(envelope(model, new PredictionsMade(model, chunk))));
        }
        kafka.sendAll(Topics.PREDICTIONS, model, events);
        return ids;
    }

    private void feedback(String model, UUID predictionId, Object actual) {
        kafka.send(Topics.FEEDBACK, model, json.writeValueAsString(envelope(model,
                new FeedbackReceived(predictionId, model, actual, Instant.now()))));
    }

    private static <T extends Record> EventEnvelope<T> envelope(String model, T data) {
        EventType type = EventType.ofData(data.getClass()).orElseThrow();
        return new EventEnvelope<>(UUID.randomUUID(), type.token(), Instant.now(), type.schemaVersion(),
                "/vops/serving-service", model, data);
    }

    private JsonNode evaluateWhenSeen(String model, long seen) {
        await().atMost(Duration.ofSeconds(60)).until(() -> drift(model).get("predictionsSeen").asLong() == seen);
        return evaluate(model);
    }

    private JsonNode evaluate(String model) {
        var response = http.post("/api/v1/monitoring/models/" + model + "/evaluations", "application/json", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return http.json(response);
    }

    private JsonNode drift(String model) {
        var response = http.get("/api/v1/monitoring/models/" + model + "/drift");
        return response.statusCode() == 200 ? http.json(response) : json.readTree("{\"predictionsSeen\":0}");
    }

    private JsonNode performance(String model) {
        var response = http.get("/api/v1/monitoring/models/" + model + "/performance");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return http.json(response);
    }

    private static Set<String> drifted(JsonNode report) {
        Set<String> out = new HashSet<>();
        report.get("features").forEach(f -> {
            if (f.get("drifted").asBoolean()) {
                out.add(f.get("feature").asString());
            }
        });
        return out;
    }

    private static JsonNode feature(JsonNode report, String name) {
        for (JsonNode f : report.get("features")) {
            if (f.get("feature").asString().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + name);
    }

    private static JsonNode metric(JsonNode report, String name) {
        for (JsonNode m : report.get("metrics")) {
            if (m.get("name").asString().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no metric " + name + " in " + report);
    }

    /** The envelopes about {@code model} on {@code topic}, reading on a few seconds after {@code count} to catch more. */
    private List<JsonNode> read(String topic, String model, int count) {
        return kafka.read(topic, text -> text.contains("\"" + model + "\""), found -> found.size() >= count,
                Duration.ofSeconds(30), Duration.ofSeconds(5)).stream().map(json::readTree).toList();
    }

    private double counter(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

package io.vishwaops.feature.trainingset;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.vishwaops.contracts.Topics;
import io.vishwaops.testsupport.HttpProbe;
import io.vishwaops.testsupport.KafkaProbe;
import io.vishwaops.testsupport.ServiceIntegrationTest;
import io.vishwaops.testsupport.SharedInfrastructure;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class TrainingSetIntegrationTests {

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());
    private final JsonMapper json = JsonMapper.builder().build();
    private HttpProbe http;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        http = HttpProbe.localhost(port);
    }

    @Test
    void eachLabelGetsTheFeaturesAsOfItsEventTimeAndNothingFromItsFuture() {
        Datasets d = studentData();

        List<JsonNode> rows = ndjson(post("""
                {"labels":{"dataset":"%s","column":"passed"},
                 "features":[{"dataset":"%s","features":["absences","absent_a_lot"]}]}"""
                .formatted(d.labels(), d.features()), "application/x-ndjson"));

        assertThat(rows).extracting(r -> r.get("student_id").asInt() + "@" + r.get("at").asString().substring(5, 10)
                + " passed=" + r.get("passed").asBoolean() + " absences=" + text(r.get("absences"))
                + " a_lot=" + text(r.get("absent_a_lot")))
                .containsExactly(
                        // before the student's first feature record: nothing to join
                        "2@01-01 passed=true absences=- a_lot=-",
                        // the Jan 1 record, not the Jan 10 or Feb 1 ones stored before this label arrived
                        "1@01-05 passed=true absences=2 a_lot=false",
                        // a feature record at the label's very moment counts (<=)
                        "1@01-10 passed=false absences=20 a_lot=true",
                        "3@01-15 passed=false absences=- a_lot=-");
        assertThat(rows).allSatisfy(r -> assertThat(r.has("_record_id")).isTrue());
        assertThat(rows.stream().map(r -> text(r.get("absences")))).doesNotContain("50");
    }

    @Test
    void maxAgeCutoffAndCsvShapeTheSet() {
        Datasets d = studentData();

        List<JsonNode> fresh = ndjson(post("""
                {"labels":{"dataset":"%s","column":"passed"},
                 "features":[{"dataset":"%s","features":["absences"],"maxAge":"P3D"}]}"""
                .formatted(d.labels(), d.features()), null));
        assertThat(fresh).extracting(r -> r.get("student_id").asInt() + ":" + text(r.get("absences")))
                .as("the Jan 1 record is 4 days old at the Jan 5 label").containsExactly("2:-", "1:-", "1:20", "3:-");

        List<JsonNode> cut = ndjson(post("""
                {"labels":{"dataset":"%s","column":"passed"},"features":[{"dataset":"%s"}],"cutoff":"2026-01-07"}"""
                .formatted(d.labels(), d.features()), null));
        assertThat(cut).extracting(r -> r.get("student_id").asInt()).containsExactly(2, 1);
        assertThat(cut.get(1).get("Dalc").asInt()).as("every column and derived feature by default").isEqualTo(1);
        assertThat(cut.get(1).get("absent_a_lot").asBoolean()).isFalse();

        HttpResponse<String> csv = post("""
                {"labels":{"dataset":"%s","column":"passed"},"features":[{"dataset":"%s"}]}"""
                .formatted(d.labels(), d.features()), "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("_record_id,student_id,at,passed,absences,Dalc,absent_a_lot");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(2)).endsWith(",1,2026-01-05T00:00:00Z,true,2,1,false");
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        Datasets d = studentData();
        String untimed = "untimed-" + suffix();
        define(untimed, "[{\"name\":\"student_id\",\"type\":\"integer\"},{\"name\":\"x\",\"type\":\"integer\"}]", null);

        assertProblem(post("{\"labels\":{\"dataset\":\"no-such-dataset\",\"column\":\"passed\"},\"features\":[{\"dataset\":\""
                + d.features() + "\"}]}", "application/x-ndjson"), 404, null);
        assertProblem(post("{\"features\":[]}", null), 400, "labels");
        assertProblem(post("{\"labels\":{\"dataset\":\"" + d.labels() + "\",\"column\":\"grade\"},\"features\":[{\"dataset\":\""
                + d.features() + "\"}]}", null), 400, "labels.column");
        assertProblem(post("{\"labels\":{\"dataset\":\"" + d.labels() + "\",\"column\":\"passed\"}}", null), 400,
                "features");
        assertProblem(post("{\"labels\":{\"dataset\":\"" + d.labels() + "\",\"column\":\"passed\"},\"features\":[{\"dataset\":\""
                + d.features() + "\",\"features\":[\"absences\",\"absencez\"]}]}", null), 400, "features[0].features[1]");
        assertProblem(post("{\"labels\":{\"dataset\":\"" + d.labels() + "\",\"column\":\"passed\"},\"features\":[{\"dataset\":\""
                + untimed + "\"}]}", null), 400, "features[0].dataset");
        assertProblem(post("{\"labels\":{\"dataset\":\"" + d.labels() + "\",\"column\":\"passed\"},\"features\":[{\"dataset\":\""
                + d.features() + "\",\"maxAge\":\"a week\"}]}", null), 400, "features[0].maxAge");
        assertProblem(post("{\"labels\":{\"dataset\":\"" + d.labels() + "\",\"column\":\"passed\"},\"features\":[{\"dataset\":\""
                + d.features() + "\"}],\"cutoff\":\"soon\"}", null), 400, "cutoff");
        assertProblem(post("{\"labels\":{\"dataset\":\"" + d.labels() + "\",\"column\":\"passed\"},\"features\":[{\"dataset\":\""
                + d.features() + "\",\"features\":[\"passed\"]}]}", null), 400, "features[0].features[0]");
    }

    private void assertProblem(HttpResponse<String> response, int status, String pointer) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = http.json(response);
        if (pointer != null) {
            assertThat(problem.at("/errors/0/pointer").asString()).isEqualTo(pointer);
        }
        else {
            assertThat(problem.get("title").asString()).isEqualTo("Dataset not found");
        }
    }

    private record Datasets(String labels, String features) {
    }

    /** Student activity (features) through February, then grades (labels) for January, sent after all of it. */
    private Datasets studentData() {
        String features = "activity-" + suffix();
        String labels = "grades-" + suffix();
        define(features, """
                [{"name":"student_id","type":"integer"},{"name":"at","type":"timestamp"},
                 {"name":"absences","type":"integer"},{"name":"Dalc","type":"integer"},
                 {"name":"passed","type":"boolean"}]""", "at");
        define(labels, """
                [{"name":"student_id","type":"integer"},{"name":"at","type":"timestamp"},
                 {"name":"passed","type":"boolean"}]""", "at");
        assertThat(http.post("/api/v1/features/" + features + "/derived", "application/json",
                "{\"name\":\"absent_a_lot\",\"expression\":\"absences > 10\"}").statusCode()).isEqualTo(201);
        store(features, "{\"student_id\":1,\"at\":\"2026-01-01T00:00:00Z\",\"absences\":2,\"Dalc\":1}");
        store(features, "{\"student_id\":1,\"at\":\"2026-01-10T00:00:00Z\",\"absences\":20,\"Dalc\":2}");
        store(features, "{\"student_id\":1,\"at\":\"2026-02-01T00:00:00Z\",\"absences\":50,\"Dalc\":5}");
        store(features, "{\"student_id\":2,\"at\":\"2026-01-05T00:00:00Z\",\"absences\":3,\"Dalc\":1}");
        store(labels, "{\"student_id\":1,\"at\":\"2026-01-05T00:00:00Z\",\"passed\":true}");
        store(labels, "{\"student_id\":1,\"at\":\"2026-01-10T00:00:00Z\",\"passed\":false}");
        store(labels, "{\"student_id\":2,\"at\":\"2026-01-01T00:00:00Z\",\"passed\":true}");
        store(labels, "{\"student_id\":3,\"at\":\"2026-01-15T00:00:00Z\",\"passed\":false}");
        store(labels, "{\"student_id\":4,\"at\":\"2026-01-16T00:00:00Z\"}");
        return new Datasets(labels, features);
    }

    private HttpResponse<String> post(String body, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/v1/training-sets"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build());
    }

    private List<JsonNode> ndjson(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().lines().map(json::readTree).toList();
    }

    private static String text(JsonNode value) {
        return value == null ? "-" : value.asString();
    }

    private void define(String dataset, String columns, String eventTime) {
        kafka.send(Topics.DATASET_EVENTS, dataset, """
                {"eventId":"%s","type":"dataset.defined","occurredAt":"2026-11-27T08:00:00Z","schemaVersion":1,
                 "source":"/vops/ingestion-service","subject":"%s",
                 "data":{"dataset":"%s","version":1,"previousVersion":null,
                         "schema":{"name":"%s","description":null,"columns":%s,"entityKey":"student_id",
                                   "eventTime":%s,"target":null,"task":null,"expectations":[]},
                         "incompatibleChanges":[],"definedBy":"test","definedAt":"2026-11-27T08:00:00Z"}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, dataset, columns,
                        eventTime == null ? "null" : "\"" + eventTime + "\""));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from dataset_schema where name = :name").param("name", dataset)
                .query(Long.class).single() > 0);
    }

    /** Sends one validated record and waits until it is stored, so records arrive in the order sent. */
    private void store(String dataset, String values) {
        UUID recordId = UUID.randomUUID();
        kafka.send(Topics.RECORDS_VALIDATED, dataset, """
                {"eventId":"%s","type":"record.validated","occurredAt":"2026-11-27T08:00:01Z","schemaVersion":1,
                 "source":"/vops/validation-service","subject":"%s",
                 "data":{"dataset":"%s","recordId":"%s","batchId":"%s","values":%s,
                         "receivedAt":"2026-11-27T08:00:00Z","validatedAt":"2026-11-27T08:00:01Z",
                         "schemaVersion":1}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, recordId, UUID.randomUUID(), values));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from offline_record where dataset = :dataset and record_id = :id")
                .param("dataset", dataset).param("id", recordId).query(Long.class).single() == 1);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

package io.vishwaops.feature.snapshot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
class SnapshotIntegrationTests {

    private static final String COLUMNS = """
            [{"name":"school","type":"categorical","nullable":false,"allowedValues":["GP","MS"]},
             {"name":"age","type":"integer","nullable":false},
             {"name":"G3","type":"numeric","nullable":true},
             {"name":"name","type":"text","nullable":true},
             {"name":"at","type":"timestamp","nullable":true}]""";

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());
    private final HttpClient client = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private HttpProbe http;
    private int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        this.port = port;
        http = HttpProbe.localhost(port);
    }

    @Test
    void theSameRecordsGiveTheSameHashWhateverOrderAndSpellingTheyArrivedIn() throws Exception {
        List<Row> rows = rows(20);
        String first = define("order-a-" + suffix(), null);
        String second = define("order-b-" + suffix(), null);
        store(first, rows, false);
        store(second, rows.reversed(), true);

        JsonNode a = snapshot(first, null);
        JsonNode b = snapshot(second, null);
        JsonNode again = snapshot(first, null);

        assertThat(a.get("rowCount").asLong()).isEqualTo(20);
        assertThat(a.get("sha256").asString()).matches("[0-9a-f]{64}")
                .isEqualTo(b.get("sha256").asString())
                .isEqualTo(again.get("sha256").asString());
        assertThat(a.get("id").asString()).isNotEqualTo(again.get("id").asString());
    }

    @Test
    void aSnapshotDoesNotChangeWhenMoreRecordsArriveAndTheDiffSaysWhatDid() throws Exception {
        String dataset = define("growing-" + suffix(), null);
        List<Row> rows = rows(10);
        store(dataset, rows.subList(0, 8), false);
        JsonNode before = snapshot(dataset, null);

        store(dataset, rows.subList(8, 10), false);
        JsonNode after = snapshot(dataset, null);

        JsonNode reread = http.json(http.get("/api/v1/snapshots/" + before.get("id").asString()));
        assertThat(reread.get("sha256").asString()).isEqualTo(before.get("sha256").asString());
        assertThat(reread.get("rowCount").asLong()).isEqualTo(8);
        assertThat(ndjson(before.get("id").asString())).hasSize(8);
        assertThat(after.get("rowCount").asLong()).isEqualTo(10);
        assertThat(after.get("sha256").asString()).isNotEqualTo(before.get("sha256").asString());

        HttpResponse<String> response = http.get("/api/v1/snapshots/diff?from=" + before.get("id").asString()
                + "&to=" + after.get("id").asString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode diff = http.json(response);
        assertThat(diff.get("sameContent").asBoolean()).isFalse();
        assertThat(diff.at("/rows/added").asLong()).isEqualTo(2);
        assertThat(diff.at("/rows/removed").asLong()).isZero();
        assertThat(diff.at("/rows/unchanged").asLong()).isEqualTo(8);
        assertThat(diff.at("/rows/addedExamples").values().stream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder(rows.get(8).id().toString(), rows.get(9).id().toString());
        JsonNode age = columnDelta(diff, "age");
        assertThat(age.at("/count/from").asDouble()).isEqualTo(8);
        assertThat(age.at("/count/to").asDouble()).isEqualTo(10);
        assertThat(age.at("/mean/delta").isNumber()).isTrue();

        JsonNode back = http.json(http.get("/api/v1/snapshots/diff?from=" + after.get("id").asString()
                + "&to=" + before.get("id").asString()));
        assertThat(back.at("/rows/removed").asLong()).isEqualTo(2);
        assertThat(back.at("/rows/added").asLong()).isZero();
    }

    @Test
    void theEventTimeCutoffLeavesOutLaterRowsAndRowsWithoutATime() throws Exception {
        String dataset = define("timed-" + suffix(), "at");
        List<Row> rows = rows(6);
        List<Row> timed = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Map<String, Object> values = new LinkedHashMap<>(row.values());
            values.put("at", i == 5 ? null : "2026-01-0" + (i + 1) + "T12:00:00Z");
            timed.add(new Row(row.id(), values));
        }
        store(dataset, timed, false);

        JsonNode cut = snapshot(dataset, "2026-01-03T12:00:00Z");

        assertThat(cut.get("rowCount").asLong()).isEqualTo(3);
        assertThat(cut.get("eventTimeCutoff").asString()).isEqualTo("2026-01-03T12:00:00Z");
        assertThat(ndjson(cut.get("id").asString())).extracting(row -> row.get("at").asString())
                .containsExactlyInAnyOrder("2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z", "2026-01-03T12:00:00Z");
        JsonNode at = cut.get("profile").values().stream().filter(c -> c.get("name").asString().equals("at"))
                .findFirst().orElseThrow();
        assertThat(at.get("latest").asString()).isEqualTo("2026-01-03T12:00:00Z");
        assertThat(snapshot(dataset, null).get("rowCount").asLong()).isEqualTo(6);
    }

    @Test
    void csvAndNdjsonStreamBackTheStoredRows() throws Exception {
        String dataset = define("export-" + suffix(), null);
        List<Row> rows = rows(25);
        Map<String, Object> tricky = new LinkedHashMap<>(rows.getFirst().values());
        tricky.put("name", "O'Hara, \"Jo\"\nsecond line");
        rows.set(0, new Row(rows.getFirst().id(), tricky));
        store(dataset, rows, false);
        JsonNode snapshot = snapshot(dataset, null);
        String id = snapshot.get("id").asString();

        HttpResponse<String> ndjsonResponse = rows(id, "application/x-ndjson");
        assertThat(ndjsonResponse.statusCode()).isEqualTo(200);
        assertThat(ndjsonResponse.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        assertThat(sha256(ndjsonResponse.body())).as("the hash is the sha-256 of the NDJSON export")
                .isEqualTo(snapshot.get("sha256").asString());
        Map<String, Map<String, Object>> fromNdjson = new LinkedHashMap<>();
        for (String line : ndjsonResponse.body().split("\n")) {
            Map<String, Object> row = new LinkedHashMap<>(json.readValue(line, Map.class));
            fromNdjson.put((String) row.remove("_record_id"), row);
        }

        HttpResponse<String> csvResponse = rows(id, "text/csv");
        assertThat(csvResponse.statusCode()).isEqualTo(200);
        List<List<String>> csv = parseCsv(csvResponse.body());
        List<String> header = csv.getFirst();
        assertThat(header).containsExactly("_record_id", "school", "age", "G3", "name", "at");

        assertThat(fromNdjson).hasSize(25);
        assertThat(csv).hasSize(26);
        for (Row row : rows) {
            Map<String, Object> expected = new LinkedHashMap<>(row.values());
            expected.values().removeIf(v -> v == null);
            assertThat(fromNdjson.get(row.id().toString())).isEqualTo(expected);
        }
        for (List<String> line : csv.subList(1, csv.size())) {
            Map<String, Object> stored = fromNdjson.get(line.getFirst());
            for (int c = 1; c < header.size(); c++) {
                Object value = stored.get(header.get(c));
                assertThat(line.get(c)).as("%s of %s", header.get(c), line.getFirst())
                        .isEqualTo(value == null ? "" : value.toString());
            }
        }
        assertThat(rows(id, "application/json").statusCode()).isEqualTo(406);
    }

    @Test
    void everySchemaVersionIsKeptAndASnapshotUsesTheNewest() throws Exception {
        String dataset = "versioned-" + suffix();
        sendDefined(dataset, 1, COLUMNS, null);
        sendDefined(dataset, 2, COLUMNS.substring(0, COLUMNS.lastIndexOf(']'))
                + ",{\"name\":\"studytime\",\"type\":\"integer\"}]", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from dataset_schema where name = :name").param("name", dataset)
                .query(Long.class).single() == 2);

        JsonNode snapshot = snapshot(dataset, null);

        assertThat(snapshot.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(snapshot.get("columns").values().stream().map(JsonNode::asString).toList()).endsWith("studytime");
        assertThat(snapshot.get("rowCount").asLong()).isZero();
    }

    @Test
    void aSnapshotIsAnnouncedOnTheDatasetEventsTopic() throws Exception {
        String dataset = define("announced-" + suffix(), null);
        store(dataset, rows(3), false);

        JsonNode snapshot = snapshot(dataset, null);

        List<String> events = kafka.awaitContaining(Topics.DATASET_EVENTS, snapshot.get("id").asString(), 1,
                Duration.ofSeconds(30));
        assertThat(events).hasSize(1);
        JsonNode event = json.readTree(events.getFirst());
        assertThat(event.get("type").asString()).isEqualTo("snapshot.created");
        assertThat(event.get("subject").asString()).isEqualTo(dataset);
        assertThat(event.at("/data/sha256").asString()).isEqualTo(snapshot.get("sha256").asString());
        assertThat(event.at("/data/rowCount").asLong()).isEqualTo(3);
        assertThat(event.at("/data/batchIds").size()).isEqualTo(3);
    }

    @Test
    void badRequestsAreProblemsNamingWhatIsWrong() throws Exception {
        HttpResponse<String> unknown = http.post("/api/v1/snapshots", "application/json",
                "{\"dataset\":\"no-such-dataset\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(http.json(unknown).get("title").asString()).isEqualTo("Dataset not found");
        assertThat(http.json(unknown).get("type").asString()).isEqualTo("https://vishwaops.io/problems/not-found");

        HttpResponse<String> noName = http.post("/api/v1/snapshots", "application/json", "{}");
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(http.json(noName).at("/errors/0/pointer").asString()).isEqualTo("dataset");

        String untimed = define("untimed-" + suffix(), null);
        HttpResponse<String> cutoff = http.post("/api/v1/snapshots", "application/json",
                "{\"dataset\":\"" + untimed + "\",\"eventTimeCutoff\":\"2026-01-01T00:00:00Z\"}");
        assertThat(cutoff.statusCode()).isEqualTo(400);
        assertThat(http.json(cutoff).at("/errors/0/pointer").asString()).isEqualTo("eventTimeCutoff");

        HttpResponse<String> badTime = http.post("/api/v1/snapshots", "application/json",
                "{\"dataset\":\"" + untimed + "\",\"eventTimeCutoff\":\"yesterday\"}");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(http.json(badTime).at("/errors/0/pointer").asString()).isEqualTo("eventTimeCutoff");

        HttpResponse<String> missing = http.get("/api/v1/snapshots/" + UUID.randomUUID());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(http.json(missing).get("title").asString()).isEqualTo("Snapshot not found");
    }

    @Test
    void derivedFeaturesAreEvaluatedIntoTheRowsAndAreHashedAndProfiledWithThem() throws Exception {
        String dataset = define("derived-rows-" + suffix(), null);
        List<Row> rows = rows(10);
        store(dataset, rows, false);
        JsonNode before = snapshot(dataset, null);
        for (String feature : List.of("{\"name\":\"grade_per_year\",\"expression\":\"G3 / age\"}",
                "{\"name\":\"passed\",\"expression\":\"G3 >= 10\"}")) {
            assertThat(http.post("/api/v1/features/" + dataset + "/derived", "application/json", feature).statusCode())
                    .isEqualTo(201);
        }

        JsonNode snapshot = snapshot(dataset, null);

        assertThat(snapshot.get("derivedFeatures").values().stream().map(f -> f.get("name").asString() + " = "
                + f.get("expression").asString() + " : " + f.get("type").asString()).toList())
                .containsExactly("grade_per_year = G3 / age : numeric", "passed = G3 >= 10 : boolean");
        assertThat(snapshot.get("columns").values().stream().map(JsonNode::asString).toList())
                .containsExactly("school", "age", "G3", "name", "at", "grade_per_year", "passed");
        assertThat(snapshot.get("sha256").asString()).as("the derived values are hashed")
                .isNotEqualTo(before.get("sha256").asString());
        assertThat(snapshot(dataset, null).get("sha256").asString()).isEqualTo(snapshot.get("sha256").asString());
        String id = snapshot.get("id").asString();
        assertThat(sha256(rows(id, "application/x-ndjson").body())).isEqualTo(snapshot.get("sha256").asString());
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        ndjson(id).forEach(row -> byId.put(row.get("_record_id").asString(), row));
        for (Row row : rows) {
            JsonNode exported = byId.get(row.id().toString());
            Object g3 = row.values().get("G3");
            if (g3 == null) {
                assertThat(exported.has("grade_per_year")).as("a missing input leaves it missing").isFalse();
                continue;
            }
            double expected = ((Number) g3).doubleValue() / ((Number) row.values().get("age")).doubleValue();
            assertThat(exported.get("grade_per_year").asDouble()).isEqualTo(expected);
            assertThat(exported.get("passed").asBoolean()).isEqualTo(((Number) g3).doubleValue() >= 10);
        }
        JsonNode profile = snapshot.get("profile").values().stream()
                .filter(c -> c.get("name").asString().equals("grade_per_year")).findFirst().orElseThrow();
        assertThat(profile.get("count").asLong()).isEqualTo(8);
        assertThat(profile.get("missing").asLong()).isEqualTo(2);
        assertThat(profile.get("mean").isNumber()).isTrue();
        List<List<String>> csv = parseCsv(rows(id, "text/csv").body());
        assertThat(csv.getFirst()).endsWith("grade_per_year", "passed");
        assertThat(csv).hasSize(11);

        JsonNode diff = http.json(http.get("/api/v1/snapshots/diff?from=" + before.get("id").asString() + "&to=" + id));
        assertThat(diff.get("columnsAdded").values().stream().map(JsonNode::asString).toList())
                .containsExactly("grade_per_year", "passed");
    }

    @Test
    void snapshotsAreListedByDatasetNewestFirst() throws Exception {
        String dataset = define("listed-" + suffix(), null);
        String first = snapshot(dataset, null).get("id").asString();
        String second = snapshot(dataset, null).get("id").asString();

        JsonNode list = http.json(http.get("/api/v1/snapshots?dataset=" + dataset));

        assertThat(list.values().stream().map(s -> s.get("id").asString()).toList()).containsExactly(second, first);
        assertThat(list.get(0).has("profile")).isFalse();
    }

    // helpers

    private record Row(UUID id, Map<String, Object> values) {
    }

    private static List<Row> rows(int count) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("school", i % 3 == 0 ? "MS" : "GP");
            values.put("age", 15 + i % 7);
            values.put("G3", i % 5 == 0 ? null : 10.5 + i);
            values.put("name", "student " + i);
            rows.add(new Row(UUID.randomUUID(), values));
        }
        return rows;
    }

    private String define(String dataset, String eventTime) throws Exception {
        sendDefined(dataset, 1, COLUMNS, eventTime);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from dataset_schema where name = :name").param("name", dataset)
                .query(Long.class).single() > 0);
        return dataset;
    }

    private void sendDefined(String dataset, int version, String columns, String eventTime) {
        kafka.send(Topics.DATASET_EVENTS, dataset, """
                {"eventId":"%s","type":"dataset.defined","occurredAt":"2026-11-27T08:00:00Z","schemaVersion":1,
                 "source":"/vops/ingestion-service","subject":"%s",
                 "data":{"dataset":"%s","version":%d,"previousVersion":null,
                         "schema":{"name":"%s","description":null,"columns":%s,"entityKey":null,"eventTime":%s,
                                   "target":"G3","task":"regression","expectations":[]},
                         "incompatibleChanges":[],"definedBy":"test","definedAt":"2026-11-27T08:00:00Z"}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, version, dataset, columns,
                        eventTime == null ? "null" : "\"" + eventTime + "\""));
    }

    /** Sends each row as its own validated event (in its own batch); {@code respell} writes numbers as decimals and
     *  fields in reverse order, as another producer might. */
    private void store(String dataset, List<Row> rows, boolean respell) throws Exception {
        for (Row row : rows) {
            Map<String, Object> values = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>(row.values().keySet());
            if (respell) {
                java.util.Collections.reverse(keys);
            }
            for (String key : keys) {
                Object value = row.values().get(key);
                values.put(key, respell && value instanceof Integer n ? Double.valueOf(n) : value);
            }
            kafka.send(Topics.RECORDS_VALIDATED, dataset, """
                    {"eventId":"%s","type":"record.validated","occurredAt":"2026-11-27T08:00:01Z","schemaVersion":1,
                     "source":"/vops/validation-service","subject":"%s",
                     "data":{"dataset":"%s","recordId":"%s","batchId":"%s","values":%s,
                             "receivedAt":"2026-11-27T08:00:00Z","validatedAt":"2026-11-27T08:00:01Z",
                             "schemaVersion":1}}"""
                    .formatted(UUID.randomUUID(), dataset, dataset, row.id(), UUID.randomUUID(),
                            json.writeValueAsString(values)));
        }
        List<UUID> ids = rows.stream().map(Row::id).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from offline_record where dataset = :dataset and record_id in (:ids)")
                .param("dataset", dataset).param("ids", ids).query(Long.class).single() == ids.size());
    }

    private JsonNode snapshot(String dataset, String cutoff) {
        HttpResponse<String> response = http.post("/api/v1/snapshots", "application/json",
                "{\"dataset\":\"" + dataset + "\""
                        + (cutoff == null ? "" : ",\"eventTimeCutoff\":\"" + cutoff + "\"") + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode snapshot = http.json(response);
        assertThat(response.headers().firstValue("Location").orElseThrow())
                .isEqualTo("/api/v1/snapshots/" + snapshot.get("id").asString());
        return snapshot;
    }

    private HttpResponse<String> rows(String id, String accept) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/snapshots/" + id
                + "/rows")).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonNode> ndjson(String id) throws Exception {
        String body = rows(id, "application/x-ndjson").body();
        return body.isEmpty() ? List.of() : body.lines().map(json::readTree).toList();
    }

    private static JsonNode columnDelta(JsonNode diff, String name) {
        return diff.get("columns").values().stream().filter(c -> c.get("name").asString().equals(name))
                .findFirst().orElseThrow();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A strict RFC 4180 reader, as a client's would be. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                }
                else if (c == '"') {
                    quoted = false;
                }
                else {
                    field.append(c);
                }
            }
            else if (c == '"') {
                quoted = true;
            }
            else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            }
            else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            }
            else {
                field.append(c);
            }
        }
        return rows;
    }
}

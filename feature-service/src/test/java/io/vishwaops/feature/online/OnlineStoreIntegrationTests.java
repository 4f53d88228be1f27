package io.vishwaops.feature.online;

import java.net.http.HttpResponse;
import java.time.Duration;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class OnlineStoreIntegrationTests {

    private static final String COLUMNS = """
            [{"name":"student_id","type":"integer","nullable":false},
             {"name":"at","type":"timestamp","nullable":true},
             {"name":"school","type":"categorical","nullable":false},
             {"name":"Dalc","type":"integer","nullable":false},
             {"name":"Walc","type":"integer","nullable":true}]""";

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());
    private HttpProbe http;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        http = HttpProbe.localhost(port);
    }

    @Test
    void theNewestEventIsServedWithDerivedFeaturesAndFreshnessAndAnOlderOneNeverOverwritesIt() {
        String dataset = define("online-" + suffix(), "\"at\"");
        assertThat(http.post("/api/v1/features/" + dataset + "/derived", "application/json",
                "{\"name\":\"alcohol\",\"expression\":\"Dalc + Walc\"}").statusCode()).isEqualTo(201);
        UUID newest = UUID.randomUUID();
        store(dataset, newest, "{\"student_id\":1,\"at\":\"2026-01-02T00:00:00Z\",\"school\":\"GP\",\"Dalc\":1,\"Walc\":2}");
        // an older fact about the same student arrives later: it goes to the offline store only
        store(dataset, UUID.randomUUID(),
                "{\"student_id\":1.0,\"at\":\"2026-01-01T00:00:00Z\",\"school\":\"MS\",\"Dalc\":5,\"Walc\":5}");
        store(dataset, UUID.randomUUID(), "{\"student_id\":2,\"at\":\"2026-01-03T00:00:00Z\",\"school\":\"MS\",\"Dalc\":2}");

        HttpResponse<String> response = http.get("/api/v1/features/" + dataset + "/entities/1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode vector = http.json(response);
        assertThat(vector.get("dataset").asString()).isEqualTo(dataset);
        assertThat(vector.get("entityId").asString()).isEqualTo("1");
        assertThat(vector.get("recordId").asString()).isEqualTo(newest.toString());
        assertThat(vector.get("eventTime").asString()).isEqualTo("2026-01-02T00:00:00Z");
        assertThat(vector.get("ageMs").asLong()).isPositive();
        JsonNode values = vector.get("values");
        assertThat(values.propertyNames()).containsExactly("student_id", "at", "school", "Dalc", "Walc", "alcohol");
        assertThat(values.get("school").asString()).isEqualTo("GP");
        assertThat(values.get("Dalc").asInt()).isEqualTo(1);
        assertThat(values.get("alcohol").asDouble()).isEqualTo(3.0);
        assertThat(vector.at("/freshness/alcohol/eventTime").asString()).isEqualTo("2026-01-02T00:00:00Z");
        assertThat(vector.at("/freshness/Dalc/ageMs").asLong()).isEqualTo(vector.get("ageMs").asLong());

        JsonNode missingWalc = http.json(http.get("/api/v1/features/" + dataset + "/entities/2"));
        assertThat(missingWalc.get("values").get("Walc").isNull()).isTrue();
        assertThat(missingWalc.get("values").get("alcohol").isNull()).as("a missing input makes it missing").isTrue();
    }

    @Test
    void aBatchLookupReturnsTheVectorsFoundAndNamesTheIdsNotFound() {
        String dataset = define("batch-" + suffix(), "\"at\"");
        store(dataset, UUID.randomUUID(), "{\"student_id\":7,\"at\":\"2026-01-02T00:00:00Z\",\"school\":\"GP\",\"Dalc\":1}");
        store(dataset, UUID.randomUUID(), "{\"student_id\":8,\"at\":\"2026-01-02T00:00:00Z\",\"school\":\"MS\",\"Dalc\":3}");

        HttpResponse<String> response = http.post("/api/v1/features/" + dataset + "/entities/lookup",
                "application/json", "{\"entityIds\":[\"8\",\"999\",\"7\",\"8\"]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode lookup = http.json(response);
        assertThat(lookup.get("vectors").values().stream().map(v -> v.get("entityId").asString()).toList())
                .containsExactly("8", "7");
        assertThat(lookup.get("vectors").get(0).at("/values/Dalc").asInt()).isEqualTo(3);
        assertThat(lookup.get("notFound").values().stream().map(JsonNode::asString).toList()).containsExactly("999");
        assertThat(lookup.get("expired").isEmpty()).isTrue();

        HttpResponse<String> empty = http.post("/api/v1/features/" + dataset + "/entities/lookup",
                "application/json", "{\"entityIds\":[]}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(http.json(empty).at("/errors/0/pointer").asString()).isEqualTo("entityIds");
    }

    @Test
    void aVectorOlderThanTheDatasetsTimeToLiveIsExpired() {
        String dataset = define("ttl-" + suffix(), "\"at\"");
        store(dataset, UUID.randomUUID(), "{\"student_id\":3,\"at\":\"2026-01-02T00:00:00Z\",\"school\":\"GP\",\"Dalc\":1}");
        String now = java.time.Instant.now().toString();
        store(dataset, UUID.randomUUID(), "{\"student_id\":4,\"at\":\"" + now + "\",\"school\":\"GP\",\"Dalc\":1}");
        assertThat(http.get("/api/v1/features/" + dataset + "/entities/3").statusCode()).isEqualTo(200);

        HttpResponse<String> set = http.put("/api/v1/features/" + dataset + "/online-config", "{\"ttl\":\"PT24H\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(http.json(set).get("ttl").asString()).isEqualTo("PT24H");
        assertThat(http.json(http.get("/api/v1/features/" + dataset + "/online-config")).get("ttl").asString())
                .isEqualTo("PT24H");

        HttpResponse<String> expired = http.get("/api/v1/features/" + dataset + "/entities/3");
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(http.json(expired).get("detail").asString()).contains("'3'").contains("expired").contains("PT24H");
        assertThat(http.get("/api/v1/features/" + dataset + "/entities/4").statusCode()).isEqualTo(200);
        JsonNode lookup = http.json(http.post("/api/v1/features/" + dataset + "/entities/lookup", "application/json",
                "{\"entityIds\":[\"3\",\"4\"]}"));
        assertThat(lookup.get("expired").values().stream().map(JsonNode::asString).toList()).containsExactly("3");
        assertThat(lookup.get("vectors").values().stream().map(v -> v.get("entityId").asString()).toList())
                .containsExactly("4");

        HttpResponse<String> bad = http.put("/api/v1/features/" + dataset + "/online-config", "{\"ttl\":\"a day\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(http.json(bad).at("/errors/0/pointer").asString()).isEqualTo("ttl");

        JsonNode cleared = http.json(http.put("/api/v1/features/" + dataset + "/online-config", "{\"ttl\":null}"));
        assertThat(cleared.get("ttl").isNull()).isTrue();
        assertThat(http.get("/api/v1/features/" + dataset + "/entities/3").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAnEventTimeTheLatestArrivalWins() {
        String dataset = define("arrival-" + suffix(), "null");
        store(dataset, UUID.randomUUID(), "{\"student_id\":5,\"school\":\"GP\",\"Dalc\":1}");
        UUID second = UUID.randomUUID();
        store(dataset, second, "{\"student_id\":5,\"school\":\"MS\",\"Dalc\":2}");

        JsonNode vector = http.json(http.get("/api/v1/features/" + dataset + "/entities/5"));

        assertThat(vector.get("recordId").asString()).isEqualTo(second.toString());
        assertThat(vector.at("/values/school").asString()).isEqualTo("MS");
        assertThat(vector.get("eventTime").isNull()).isTrue();
        assertThat(vector.at("/freshness/school/updatedAt").isString()).isTrue();
    }

    @Test
    void aRecordThatOvertookItsDatasetsDefinitionIsServedOnceTheDefinitionArrives() {
        String dataset = "early-" + suffix();
        store(dataset, UUID.randomUUID(), "{\"student_id\":6,\"at\":\"2026-01-02T00:00:00Z\",\"school\":\"GP\",\"Dalc\":1}");
        define(dataset, "\"at\"");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/api/v1/features/" + dataset + "/entities/6").statusCode() == 200);
        assertThat(http.json(http.get("/api/v1/features/" + dataset + "/entities/6")).get("eventTime").asString())
                .isEqualTo("2026-01-02T00:00:00Z");
    }

    @Test
    void unknownDatasetsAndEntitiesAreNotFoundProblemsNamingThem() {
        HttpResponse<String> dataset = http.get("/api/v1/features/no-such-dataset/entities/1");
        assertThat(dataset.statusCode()).isEqualTo(404);
        assertThat(http.json(dataset).get("title").asString()).isEqualTo("Dataset not found");
        assertThat(http.json(dataset).get("type").asString()).isEqualTo("https://vishwaops.io/problems/not-found");
        assertThat(http.post("/api/v1/features/no-such-dataset/entities/lookup", "application/json",
                "{\"entityIds\":[\"1\"]}").statusCode()).isEqualTo(404);
        assertThat(http.put("/api/v1/features/no-such-dataset/online-config", "{\"ttl\":\"PT1H\"}").statusCode())
                .isEqualTo(404);

        String known = define("entities-" + suffix(), "\"at\"");
        HttpResponse<String> entity = http.get("/api/v1/features/" + known + "/entities/student-42");
        assertThat(entity.statusCode()).isEqualTo(404);
        JsonNode problem = http.json(entity);
        assertThat(problem.get("title").asString()).isEqualTo("Entity not found");
        assertThat(problem.get("type").asString()).isEqualTo("https://vishwaops.io/problems/not-found");
        assertThat(problem.get("detail").asString()).contains("'student-42'").contains(known);
    }

    private String define(String dataset, String eventTime) {
        kafka.send(Topics.DATASET_EVENTS, dataset, """
                {"eventId":"%s","type":"dataset.defined","occurredAt":"2026-11-27T08:00:00Z","schemaVersion":1,
                 "source":"/vops/ingestion-service","subject":"%s",
                 "data":{"dataset":"%s","version":1,"previousVersion":null,
                         "schema":{"name":"%s","description":null,"columns":%s,"entityKey":"student_id",
                                   "eventTime":%s,"target":null,"task":null,"expectations":[]},
                         "incompatibleChanges":[],"definedBy":"test","definedAt":"2026-11-27T08:00:00Z"}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, dataset, COLUMNS, eventTime));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from dataset_schema where name = :name").param("name", dataset)
                .query(Long.class).single() > 0);
        return dataset;
    }

    /** Sends one validated record and waits until it is stored. */
    private void store(String dataset, UUID recordId, String values) {
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

package io.vishwaops.feature.offline;

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
class OfflineStoreIntegrationTests {

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());

    private HttpProbe http;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        http = HttpProbe.localhost(port);
    }

    @Test
    void aValidatedRecordIsStoredOnceHoweverOftenItArrives() throws Exception {
        UUID recordId = UUID.randomUUID();
        String event = validated(UUID.randomUUID(), recordId);
        kafka.send(Topics.RECORDS_VALIDATED, "student-mat", event);
        kafka.send(Topics.RECORDS_VALIDATED, "student-mat", event);
        // the same record again under a new event id, as after a replay upstream
        kafka.send(Topics.RECORDS_VALIDATED, "student-mat", validated(UUID.randomUUID(), recordId));

        String path = "/api/v1/features/student-mat/records/" + recordId;
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).statusCode() == 200);
        JsonNode stored = http.json(http.get(path));
        assertThat(stored.get("values").get("G3").asInt()).isEqualTo(11);
        assertThat(stored.get("values").get("romantic").asString()).isEqualTo("no");

        Thread.sleep(2_000);
        assertThat(jdbc.sql("select count(*) from offline_record where record_id = :id").param("id", recordId)
                .query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void recordsValidatedManyToAMessageAreStoredEachOnceAndAnUnreadableMessageIsDeadLettered() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String records = validatedData(first) + "," + validatedData(second);
        String message = """
                {"eventId":"%s","type":"records.validated","occurredAt":"2026-11-27T08:00:01Z","schemaVersion":1,
                 "source":"/vops/validation-service","subject":"student-mat",
                 "data":{"dataset":"student-mat","records":[%s]}}""".formatted(UUID.randomUUID(), records);
        kafka.send(Topics.RECORDS_VALIDATED, "student-mat", message);
        // the first record again, one to a message, as a quarantine replay upstream could send it
        kafka.send(Topics.RECORDS_VALIDATED, "student-mat", validated(UUID.randomUUID(), first));
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.RECORDS_VALIDATED, marker, """
                {"eventId":"%s","type":"records.validated","occurredAt":"2026-11-27T08:00:01Z","schemaVersion":1,
                 "source":"/vops/validation-service","subject":"student-mat",
                 "data":{"dataset":"student-mat","records":"not a list"}}""".formatted(UUID.randomUUID()));

        for (UUID id : new UUID[] {first, second}) {
            String path = "/api/v1/features/student-mat/records/" + id;
            await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).statusCode() == 200);
            assertThat(http.json(http.get(path)).get("values").get("G3").asInt()).isEqualTo(11);
        }
        assertThat(kafka.readKeys(Topics.deadLetter(Topics.RECORDS_VALIDATED), marker, 1, Duration.ofSeconds(30)))
                .singleElement().asString().contains("unreadable event");
        assertThat(jdbc.sql("select count(*) from offline_record where record_id in (:ids)")
                .param("ids", java.util.List.of(first, second)).query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void recordsManyToAMessageArePlacedByTheirEntityAndEventTime() {
        String dataset = "chunked-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(Topics.DATASET_EVENTS, dataset, """
                {"eventId":"%s","type":"dataset.defined","occurredAt":"2026-11-27T08:00:00Z","schemaVersion":1,
                 "source":"/vops/ingestion-service","subject":"%s",
                 "data":{"dataset":"%s","version":1,"previousVersion":null,
                         "schema":{"name":"%s","description":null,"entityKey":"student_id","eventTime":"at",
                                   "target":null,"task":null,"expectations":[],"columns":[
                           {"name":"student_id","type":"integer","nullable":false},
                           {"name":"at","type":"timestamp","nullable":true},
                           {"name":"G3","type":"integer","nullable":false}]},
                         "incompatibleChanges":[],"definedBy":"test","definedAt":"2026-11-27T08:00:00Z"}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, dataset));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from dataset_schema where name = :name").param("name", dataset)
                .query(Long.class).single() > 0);
        UUID newest = UUID.randomUUID();
        UUID older = UUID.randomUUID();
        String records = String.join(",",
                record(dataset, newest, "{\"student_id\":7,\"at\":\"2026-01-02T00:00:00Z\",\"G3\":15}"),
                // an older fact about the same student later in the message: offline only
                record(dataset, older, "{\"student_id\":7,\"at\":\"2026-01-01T00:00:00Z\",\"G3\":9}"));
        kafka.send(Topics.RECORDS_VALIDATED, dataset, """
                {"eventId":"%s","type":"records.validated","occurredAt":"2026-11-27T08:00:01Z","schemaVersion":1,
                 "source":"/vops/validation-service","subject":"%s","data":{"dataset":"%s","records":[%s]}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, records));

        String path = "/api/v1/features/" + dataset + "/records/" + older;
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(path).statusCode() == 200);
        JsonNode vector = http.json(http.get("/api/v1/features/" + dataset + "/entities/7"));
        assertThat(vector.get("recordId").asString()).as(vector.toString()).isEqualTo(newest.toString());
        assertThat(vector.get("eventTime").asString()).isEqualTo("2026-01-02T00:00:00Z");
        assertThat(vector.get("values").get("G3").asInt()).isEqualTo(15);
        assertThat(jdbc.sql("select entity_id from offline_record where record_id = :id").param("id", older)
                .query(String.class).single()).isEqualTo("7");
    }

    private static String record(String dataset, UUID recordId, String values) {
        return """
                {"dataset":"%s","recordId":"%s","batchId":"%s","values":%s,"receivedAt":"2026-11-27T08:00:00Z",
                 "validatedAt":"2026-11-27T08:00:01Z","schemaVersion":1}""".formatted(dataset, recordId,
                UUID.randomUUID(), values);
    }

    @Test
    void anUnknownRecordIsANotFoundProblem() throws Exception {
        HttpResponse<String> response = http.get("/api/v1/features/student-mat/records/" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(http.json(response).get("title").asString()).isEqualTo("Record not found");
    }

    @Test
    void aListLimitOutOfRangeIsNamed() throws Exception {
        HttpResponse<String> response = http.get("/api/v1/features/student-mat/records?limit=100000");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(http.json(response).get("errors").get(0).get("pointer").asString()).isEqualTo("limit");
    }

    private static String validatedData(UUID recordId) {
        return """
                {"dataset":"student-mat","recordId":"%s","batchId":"%s",
                 "values":{"school":"GP","romantic":"no","G3":11},"receivedAt":"2026-11-27T08:00:00Z",
                 "validatedAt":"2026-11-27T08:00:01Z","schemaVersion":0}""".formatted(recordId, UUID.randomUUID());
    }

    private static String validated(UUID eventId, UUID recordId) {
        return """
                {"eventId":"%s","type":"record.validated","occurredAt":"2026-11-27T08:00:01Z","schemaVersion":1,
                 "source":"/vops/validation-service","subject":"student-mat",
                 "data":{"dataset":"student-mat","recordId":"%s","batchId":"%s",
                         "values":{"school":"GP","romantic":"no","G3":11},"receivedAt":"2026-11-27T08:00:00Z",
                         "validatedAt":"2026-11-27T08:00:01Z","schemaVersion":0}}"""
                .formatted(eventId, recordId, UUID.randomUUID());
    }
}

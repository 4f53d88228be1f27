package io.vishwaops.validation.record;

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

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// closed afterwards: its listeners would otherwise keep consuming beside ValidationRestartIntegrationTests
@DirtiesContext
@ServiceIntegrationTest
class RecordValidationIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());
    private HttpProbe http;
    private String dataset;

    @BeforeEach
    void defineDataset(@LocalServerPort int port) {
        http = HttpProbe.localhost(port);
        dataset = "students-" + UUID.randomUUID().toString().substring(0, 8);
        define(1, 22);
    }

    private void define(int version, int maxAge) {
        kafka.send(Topics.DATASET_EVENTS, dataset, """
                {"eventId":"%s","type":"dataset.defined","occurredAt":"2026-11-27T07:59:00Z","schemaVersion":1,
                 "source":"/vops/ingestion-service","subject":"%s",
                 "data":{"dataset":"%s","version":%d,"previousVersion":null,"incompatibleChanges":[],
                  "definedBy":"test","definedAt":"2026-11-27T07:59:00Z",
                  "schema":{"name":"%s","description":null,"entityKey":"student_id","eventTime":null,"target":"G3",
                   "task":"regression","expectations":[],"columns":[
                    {"name":"student_id","type":"text","nullable":false,"allowedValues":[],"min":null,"max":null,"pattern":null,"description":null},
                    {"name":"school","type":"categorical","nullable":false,"allowedValues":["GP","MS"],"min":null,"max":null,"pattern":null,"description":null},
                    {"name":"age","type":"integer","nullable":false,"allowedValues":[],"min":15,"max":%d,"pattern":null,"description":null},
                    {"name":"G3","type":"integer","nullable":false,"allowedValues":[],"min":0,"max":20,"pattern":null,"description":null}]}}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, version, dataset, maxAge));
    }

    @Test
    void quarantinedRecordsReplayedAfterTheSchemaIsFixedGoOnToFeatures() {
        UUID batch = UUID.randomUUID();
        UUID mature = UUID.randomUUID();
        kafka.send(Topics.RECORDS_INGESTED, dataset, ingested(UUID.randomUUID(), UUID.randomUUID(), batch, 1,
                "{\"student_id\":\"s1\",\"school\":\"GP\",\"age\":17,\"G3\":14}"));
        kafka.send(Topics.RECORDS_INGESTED, dataset, ingested(UUID.randomUUID(), mature, batch, 2,
                "{\"student_id\":\"s2\",\"school\":\"MS\",\"age\":31,\"G3\":12}"));
        kafka.send(Topics.RECORDS_INGESTED, dataset, ingested(UUID.randomUUID(), UUID.randomUUID(), batch, 3,
                "{\"student_id\":\"s3\",\"school\":\"XX\",\"age\":18,\"G3\":10}"));
        assertThat(checked(batch, 3).at("/data/quarantined").asLong()).isEqualTo(2);

        define(2, 40);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> replayed = http.post("/api/v1/validation/batches/" + batch + "/quarantine/replay",
                    "application/json", "");
            assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
            assertThat(http.json(replayed).get("schemaVersion").asInt()).isEqualTo(2);
        });

        JsonNode quarantine = http.json(http.get("/api/v1/validation/batches/" + batch + "/quarantine"));
        assertThat(quarantine).extracting(q -> q.get("row").asLong()).containsExactly(3L);
        assertThat(kafka.awaitContaining(Topics.RECORDS_VALIDATED, mature.toString(), 1, Duration.ofSeconds(30)))
                .singleElement().asString().contains("\"schemaVersion\":2");
        assertThat(kafka.awaitContaining(Topics.DATASET_EVENTS, "\"type\":\"quarantine.released\"", 1,
                Duration.ofSeconds(30))).anySatisfy(e -> assertThat(e).contains(batch.toString(), "\"released\":1"));
    }

    @Test
    void aValidRecordMovesOnCoercedAndExactlyOnceWhenDeliveredTwice() {
        UUID batch = UUID.randomUUID();
        UUID recordId = UUID.randomUUID();
        String event = ingested(UUID.randomUUID(), recordId, batch, 1, "{\"student_id\":\"s1\",\"school\":\"GP\",\"age\":\"17\",\"G3\":14}");
        kafka.send(Topics.RECORDS_INGESTED, dataset, event);
        kafka.send(Topics.RECORDS_INGESTED, dataset, event);

        List<String> validated = kafka.read(Topics.RECORDS_VALIDATED, text -> text.contains(recordId.toString()),
                found -> !found.isEmpty(), Duration.ofSeconds(30), Duration.ofSeconds(3));

        assertThat(validated).hasSize(1);
        assertThat(validated.getFirst()).contains("\"type\":\"records.validated\"", "\"age\":17,");
        JsonNode checked = checked(batch, 1);
        assertThat(checked.at("/data/valid").asLong()).isEqualTo(1);
        assertThat(checked.at("/data/quarantined").asLong()).isZero();
    }

    @Test
    void eachRecordOfAMessageOfManyIsJudgedOnItsOwnAndACopyOfTheMessageIsDropped() {
        UUID batch = UUID.randomUUID();
        UUID[] ids = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        String[] values = {
                "{\"student_id\":\"m1\",\"school\":\"GP\",\"age\":\"17\",\"G3\":14}",
                "{\"student_id\":\"m2\",\"school\":\"MS\",\"age\":40,\"G3\":12}",
                "{\"student_id\":\"m3\",\"school\":\"MS\",\"age\":18,\"G3\":9}"};
        StringBuilder records = new StringBuilder();
        for (int row = 0; row < ids.length; row++) {
            String one = ingested(UUID.randomUUID(), ids[row], batch, row + 1, values[row]);
            records.append(row == 0 ? "" : ",").append(JSON.readTree(one).get("data"));
        }
        String message = """
                {"eventId":"%s","type":"records.ingested","occurredAt":"2026-11-27T08:00:00Z","schemaVersion":1,
                 "source":"/vops/test","subject":"%s","data":{"dataset":"%s","records":[%s]}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, records);
        kafka.send(Topics.RECORDS_INGESTED, dataset, message);
        // the same message again, as a producer's retry after a lost acknowledgement would write it
        kafka.send(Topics.RECORDS_INGESTED, dataset, message);

        JsonNode checked = checked(batch, 3);
        assertThat(checked.at("/data/valid").asLong()).isEqualTo(2);
        assertThat(checked.at("/data/quarantined").asLong()).isEqualTo(1);
        List<String> validated = kafka.read(Topics.RECORDS_VALIDATED, text -> text.contains(batch.toString()),
                found -> ValidationRestartIntegrationTests.records(found, batch) >= 2, Duration.ofSeconds(30),
                Duration.ofSeconds(3));
        assertThat(ValidationRestartIntegrationTests.records(validated, batch)).isEqualTo(2);
        assertThat(String.join("\n", validated)).contains(ids[0].toString(), ids[2].toString(), "\"age\":17,")
                .doesNotContain(ids[1].toString());
        assertThat(kafka.awaitContaining(Topics.RECORDS_QUARANTINED, ids[1].toString(), 1, Duration.ofSeconds(30)))
                .singleElement().asString().contains("\"rule\":\"range\"");
    }

    @Test
    void theSameRecordOrEntityOnTwoPartitionsIsAcceptedOnceWhileTheirConsumersRunConcurrently() {
        // two keys on different partitions, so that two consumers judge the copies at the same time
        String left = "left";
        String right = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "right-" + i)
                .filter(key -> partition(key) != partition(left)).findFirst().orElseThrow();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        int pairs = 200;
        List<String> firstRecords = new java.util.ArrayList<>();
        List<String> secondRecords = new java.util.ArrayList<>();
        for (int i = 1; i <= pairs; i++) {
            // the first half: the same record twice; the second half: two records of the same student
            UUID id = UUID.randomUUID();
            String values = "{\"student_id\":\"p" + i + "\",\"school\":\"GP\",\"age\":17,\"G3\":14}";
            firstRecords.add(ingested(UUID.randomUUID(), id, first, i, values));
            secondRecords.add(ingested(UUID.randomUUID(), i <= pairs / 2 ? id : UUID.randomUUID(), second, i, values));
        }
        kafka.sendAll(Topics.RECORDS_INGESTED, left, firstRecords);
        kafka.sendAll(Topics.RECORDS_INGESTED, right, secondRecords);

        JsonNode a = checked(first, pairs);
        JsonNode b = checked(second, pairs);
        assertThat(a.at("/data/valid").asLong() + b.at("/data/valid").asLong()).isEqualTo(pairs);
        assertThat(a.at("/data/quarantined").asLong() + b.at("/data/quarantined").asLong()).isEqualTo(pairs);
        assertThat(a.at("/data/violationsByRule/duplicate").asLong() + b.at("/data/violationsByRule/duplicate").asLong())
                .isEqualTo(pairs / 2);
        assertThat(a.at("/data/violationsByRule/unique").asLong() + b.at("/data/violationsByRule/unique").asLong())
                .isEqualTo(pairs / 2);
    }

    /** The partition of vops.records.ingested (3 partitions in the test fixture) that Kafka's producer picks for a key. */
    private static int partition(String key) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 3;
    }

    @Test
    void badRecordsAreQuarantinedWithEveryReasonAndGoodOnesGoThrough() {
        UUID batch = UUID.randomUUID();
        String[] rows = {
                "{\"student_id\":\"s1\",\"school\":\"GP\",\"age\":17,\"G3\":14}",
                "{\"student_id\":\"s2\",\"school\":\"XX\",\"age\":\"old\",\"G3\":14}",
                "{\"student_id\":\"s3\",\"school\":\"MS\",\"age\":30,\"G3\":null}",
                "{\"student_id\":\"s1\",\"school\":\"MS\",\"age\":18,\"G3\":11}"};
        UUID[] ids = new UUID[rows.length];
        for (int row = 0; row < rows.length; row++) {
            ids[row] = UUID.randomUUID();
            kafka.send(Topics.RECORDS_INGESTED, dataset, ingested(UUID.randomUUID(), ids[row], batch, row + 1, rows[row]));
        }
        // the first row again, as a duplicate row of the same batch would arrive
        kafka.send(Topics.RECORDS_INGESTED, dataset, ingested(UUID.randomUUID(), ids[0], batch, 5, rows[0]));

        JsonNode checked = checked(batch, 5);
        assertThat(checked.at("/data/valid").asLong()).isEqualTo(1);
        assertThat(checked.at("/data/quarantined").asLong()).isEqualTo(4);
        assertThat(checked.at("/data/violationsByRule/unique").asLong()).isEqualTo(1);

        JsonNode quarantine = http.json(http.get("/api/v1/validation/batches/" + batch + "/quarantine"));
        assertThat(quarantine).extracting(q -> q.get("row").asLong()).containsExactly(2L, 3L, 4L, 5L);
        assertThat(quarantine.get(0).get("violations")).extracting(v -> v.get("field").asString() + ":" + v.get("rule").asString())
                .containsExactly("school:allowed-values", "age:type");
        assertThat(quarantine.get(1).get("violations")).extracting(v -> v.get("rule").asString())
                .containsExactly("range", "not-null");
        assertThat(quarantine.get(2).get("violations").get(0).get("message").asString())
                .isEqualTo("student_id 's1' already belongs to record " + ids[0]);
        assertThat(quarantine.get(3).get("violations").get(0).get("rule").asString()).isEqualTo("duplicate");
        // where the record was accepted, whether that was in an earlier poll or earlier in the same one
        assertThat(quarantine.get(3).get("violations").get(0).get("message").asString())
                .isEqualTo("the same record was already accepted (batch " + batch + ", row 1)");

        List<String> quarantined = kafka.awaitContaining(Topics.RECORDS_QUARANTINED, batch.toString(), 4,
                Duration.ofSeconds(30));
        assertThat(quarantined).hasSize(4);
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheConsumerKeepsGoing() {
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.RECORDS_INGESTED, dataset, "{ not json " + marker);
        kafka.send(Topics.RECORDS_INGESTED, dataset, ingested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                1, "{}").replace("record.ingested", "record.unheard-of").replace("\"subject\":\"", "\"subject\":\"" + marker));
        kafka.send(Topics.RECORDS_INGESTED, dataset, ingested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                1, "{}").replace("\"schemaVersion\":1,\n", "\"schemaVersion\":99,\n").replace("\"subject\":\"", "\"subject\":\"" + marker));
        // messages of many records go whole: a newer version of the chunk, and a chunk whose records are no list
        String record = JSON.readTree(ingested(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1, "{}"))
                .get("data").toString();
        String chunk = """
                {"eventId":"%s","type":"records.ingested","occurredAt":"2026-11-27T08:00:00Z","schemaVersion":%d,
                 "source":"/vops/test","subject":"%s","data":{"dataset":"%s","records":%s}}""";
        kafka.send(Topics.RECORDS_INGESTED, dataset, chunk.formatted(UUID.randomUUID(), 99, marker, dataset,
                "[" + record + "]"));
        kafka.send(Topics.RECORDS_INGESTED, dataset, chunk.formatted(UUID.randomUUID(), 1, marker, dataset, record));
        UUID batch = UUID.randomUUID();
        kafka.send(Topics.RECORDS_INGESTED, dataset, ingested(UUID.randomUUID(), UUID.randomUUID(), batch, 1,
                "{\"student_id\":\"s9\",\"school\":\"GP\",\"age\":16,\"G3\":12}"));

        List<String> deadLetters = kafka.awaitContaining(Topics.deadLetter(Topics.RECORDS_INGESTED), marker, 5,
                Duration.ofSeconds(30));
        assertThat(deadLetters).hasSize(5);
        assertThat(deadLetters).filteredOn(text -> text.contains("\"records.ingested\"")).hasSize(2);
        assertThat(deadLetters).anyMatch(text -> text.startsWith("{ not json"));
        assertThat(checked(batch, 1).at("/data/valid").asLong()).isEqualTo(1);
    }

    /** The records.checked events of a batch, summed, once they account for {@code records} records. */
    private JsonNode checked(UUID batch, long records) {
        List<String> events = kafka.read(Topics.DATASET_EVENTS,
                text -> text.contains("\"type\":\"records.checked\"") && text.contains(batch.toString()),
                found -> found.stream().mapToLong(t -> total(JSON.readTree(t))).sum() >= records, Duration.ofSeconds(30),
                Duration.ZERO);
        long valid = 0;
        long quarantined = 0;
        var rules = new java.util.TreeMap<String, Long>();
        for (String text : events) {
            JsonNode data = JSON.readTree(text).get("data");
            valid += data.get("valid").asLong();
            quarantined += data.get("quarantined").asLong();
            data.get("violationsByRule").properties().forEach(e -> rules.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        }
        return JSON.valueToTree(java.util.Map.of("data", java.util.Map.of("valid", valid, "quarantined", quarantined,
                "violationsByRule", rules)));
    }

    private static long total(JsonNode event) {
        return event.at("/data/valid").asLong() + event.at("/data/quarantined").asLong();
    }

    private String ingested(UUID eventId, UUID recordId, UUID batchId, long row, String values) {
        return """
                {"eventId":"%s","type":"record.ingested","occurredAt":"2026-11-27T08:00:00Z","schemaVersion":1,
                 "source":"/vops/test","subject":"%s",
                 "data":{"dataset":"%s","recordId":"%s","batchId":"%s","row":%d,"schemaVersion":1,
                         "values":%s,"problems":[],"receivedAt":"2026-11-27T08:00:00Z"}}"""
                .formatted(eventId, dataset, dataset, recordId, batchId, row, values);
    }
}

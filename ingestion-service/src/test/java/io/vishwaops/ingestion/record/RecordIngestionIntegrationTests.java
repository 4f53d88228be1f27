package io.vishwaops.ingestion.record;

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

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class RecordIngestionIntegrationTests {

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());

    private HttpProbe http;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        http = HttpProbe.localhost(port);
        for (String dataset : new String[] {"student-por", "wine-red"}) {
            HttpResponse<String> defined = http.post("/api/v1/datasets", "application/json", """
                    {"name": "%s", "columns": [{"name": "school", "type": "categorical", "nullable": true},
                     {"name": "age", "type": "integer", "nullable": true}, {"name": "G3", "type": "integer", "nullable": true},
                     {"name": "alcohol", "type": "numeric", "nullable": true},
                     {"name": "quality", "type": "integer", "nullable": true}]}""".formatted(dataset));
            assertThat(defined.statusCode()).as(defined.body()).isIn(201, 409);
        }
    }

    @Test
    void acceptedRecordsAreAnsweredWithTheirIdsAndPublishedOnePerRecord() {
        HttpResponse<String> response = post("student-por", "application/json",
                "[{\"school\":\"GP\",\"age\":17,\"G3\":14},{\"school\":\"MS\",\"age\":18,\"G3\":null}]");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode receipt = http.json(response);
        assertThat(receipt.get("accepted").asInt()).isEqualTo(2);
        String batchId = receipt.get("batchId").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/ingestions/" + batchId);

        for (JsonNode recordId : receipt.get("recordIds")) {
            List<String> events = kafka.awaitContaining(Topics.RECORDS_INGESTED, recordId.asString(), 1,
                    Duration.ofSeconds(30));
            assertThat(events).hasSize(1);
            assertThat(events.getFirst()).contains("\"type\":\"records.ingested\"", batchId);
        }

        HttpResponse<String> batch = get("/api/v1/ingestions/" + batchId);
        assertThat(batch.statusCode()).isEqualTo(200);
        assertThat(http.json(batch).get("received").asInt()).isEqualTo(2);
    }

    @Test
    void recordsArePlacedByEntityKeyOrElseByRecordIdSoADatasetSpreadsOverPartitions() {
        HttpResponse<String> defined = http.post("/api/v1/datasets", "application/json", """
                {"name": "keyed-%s", "entityKey": "student_id", "columns": [
                 {"name": "student_id", "type": "text", "nullable": true},
                 {"name": "age", "type": "integer", "nullable": true}]}""".formatted(UUID.randomUUID()));
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
        String keyed = http.json(defined).get("name").asString();
        StringBuilder students = new StringBuilder("[{\"age\":19}");
        for (int i = 0; i < 20; i++) {
            students.append(",{\"student_id\":\"s").append(i).append("\",\"age\":17}");
        }

        JsonNode byEntity = http.json(post(keyed, "application/json", students.append("]").toString()));
        JsonNode byId = http.json(post("wine-red", "application/json", "[{\"quality\":5},{\"quality\":6}]"));

        List<Integer> expected = new java.util.ArrayList<>(List.of(partition(byEntity.get("recordIds").get(0).asString())));
        for (int i = 0; i < 20; i++) {
            expected.add(partition("s" + i));
        }
        assertThat(partitions(byEntity)).containsExactlyElementsOf(expected);
        assertThat(java.util.Set.copyOf(expected)).as("a dataset spreads over partitions").hasSizeGreaterThan(1);
        assertThat(partitions(byId)).containsExactly(partition(byId.get("recordIds").get(0).asString()),
                partition(byId.get("recordIds").get(1).asString()));
    }

    /** The partition of vops.records.ingested (3 in the test fixture) that Kafka's producer would pick for a key. */
    private static int partition(String key) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 3;
    }

    /** The partitions of vops.records.ingested that a batch's records are on, in the order of the receipt's ids. */
    private List<Integer> partitions(JsonNode receipt) {
        List<String> ids = new java.util.ArrayList<>();
        receipt.get("recordIds").forEach(id -> ids.add(id.asString()));
        java.util.Map<String, Integer> partitionById = new java.util.HashMap<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(java.util.Map.of(
                "bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers(),
                "group.id", "keys-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed",
                "key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class,
                "value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.RECORDS_INGESTED));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitionById.size() < ids.size() && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    ids.stream().filter(id -> record.value().contains("\"recordId\":\"" + id + "\""))
                            .forEach(id -> partitionById.put(id, record.partition()));
                }
            }
        }
        return ids.stream().map(partitionById::get).toList();
    }

    @Test
    void theRequestIdTravelsWithTheRecordsAndTheDatasetEvent() {
        String requestId = "trace-" + UUID.randomUUID();
        HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(http.baseUrl() + "/api/v1/datasets/student-por/records"))
                .header("Content-Type", "application/json").header("X-Request-Id", requestId)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("[{\"school\":\"MS\",\"age\":19}]")).build());
        String recordId = http.json(response).get("recordIds").get(0).asString();
        assertThat(kafka.awaitHeader(Topics.RECORDS_INGESTED, recordId, "vops_request_id", Duration.ofSeconds(30)))
                .isEqualTo(requestId);

        String dataset = "traced-" + UUID.randomUUID().toString().substring(0, 8);
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.baseUrl() + "/api/v1/datasets"))
                .header("Content-Type", "application/json").header("X-Request-Id", requestId + "-2")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + dataset + "\",\"columns\":[{\"name\":\"x\",\"type\":\"numeric\"}]}")).build());
        assertThat(kafka.awaitHeader(Topics.DATASET_EVENTS, "\"dataset\":\"" + dataset + "\"", "vops_request_id",
                Duration.ofSeconds(30))).isEqualTo(requestId + "-2");
    }

    @Test
    void ndjsonIsReadLineByLine() {
        HttpResponse<String> response = post("wine-red", "application/x-ndjson",
                "{\"alcohol\":9.4,\"quality\":5}\n\n{\"alcohol\":9.8,\"quality\":5}\n{\"alcohol\":10.5,\"quality\":7}\n");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(http.json(response).get("accepted").asInt()).isEqualTo(3);
    }

    @Test
    void aBadRowRefusesTheWholeRequestAndNamesTheRow() {
        long batchesBefore = batches();

        HttpResponse<String> response = post("student-por", "application/json",
                "[{\"school\":\"GP\"},{\"school\":\"MS\",\"address\":{\"street\":\"x\"}}]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = http.json(response);
        assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("records[1].address");
        assertThat(batches()).isEqualTo(batchesBefore);
    }

    @Test
    void aBrokenNdjsonLineIsNamed() {
        HttpResponse<String> response = post("wine-red", "application/x-ndjson", "{\"quality\":5}\n{\"quality\":\n");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(http.json(response).get("errors").get(0).get("pointer").asString()).isEqualTo("line 2");
    }

    @Test
    void aTenMegabyteFieldIsRefusedNamingItsRowAndColumn() {
        String huge = "x".repeat(10 * 1024 * 1024);
        HttpResponse<String> response = post("student-por", "application/json",
                "[{\"school\":\"GP\"},{\"school\":\"" + huge + "\"}]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(http.json(response).get("errors").get(0).get("pointer").asString()).isEqualTo("records[1].school");
        assertThat(response.body()).hasSizeLessThan(10_000);
    }

    @Test
    void aContentTypeTheEndpointDoesNotReadIsUnsupported() {
        HttpResponse<String> response = post("student-por", "application/xml", "<school>GP</school>");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(http.json(response).get("type").asString())
                .isEqualTo("https://vishwaops.io/problems/unsupported-media-type");
    }

    @Test
    void anUnknownDatasetIsANotFoundProblem() {
        HttpResponse<String> response = post("no-such-dataset", "application/json", "{\"school\":\"GP\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(http.json(response).get("detail").asString()).isEqualTo("dataset 'no-such-dataset' does not exist");
    }

    @Test
    void reSendingARecordWithItsOwnIdGivesTheSameRecordId() {
        String record = "[{\"_id\":\"student-31\",\"school\":\"GP\",\"age\":16}]";
        String first = http.json(post("student-por", "application/json", record)).get("recordIds").get(0).asString();
        String again = http.json(post("student-por", "application/json", record)).get("recordIds").get(0).asString();
        String other = http.json(post("student-por", "application/json", record.replace("student-31", "student-32")))
                .get("recordIds").get(0).asString();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void aDatasetsBatchesAreListedNewestFirstWithTheirCounts() {
        String dataset = "listed-" + System.nanoTime();
        assertThat(http.post("/api/v1/datasets", "application/json", """
                {"name": "%s", "columns": [{"name": "age", "type": "integer", "nullable": true}]}"""
                .formatted(dataset)).statusCode()).isEqualTo(201);
        List<String> sent = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            StringBuilder records = new StringBuilder("[");
            for (int r = 0; r < i; r++) {
                records.append(r == 0 ? "" : ",").append("{\"age\":").append(10 * i + r).append('}');
            }
            sent.add(http.json(post(dataset, "application/json", records.append(']').toString()))
                    .get("batchId").asString());
        }

        JsonNode listed = http.json(get("/api/v1/datasets/" + dataset + "/ingestions"));
        assertThat(listed.size()).isEqualTo(3);
        assertThat(listed.get(0).get("batchId").asString()).isEqualTo(sent.get(2));
        assertThat(listed.get(0).get("received").asInt()).isEqualTo(3);
        assertThat(listed.get(2).get("batchId").asString()).isEqualTo(sent.get(0));
        assertThat(listed.get(2).get("dataset").asString()).isEqualTo(dataset);
        JsonNode page = http.json(get("/api/v1/datasets/" + dataset + "/ingestions?offset=1&limit=1"));
        assertThat(page.size()).isEqualTo(1);
        assertThat(page.get(0).get("batchId").asString()).isEqualTo(sent.get(1));

        HttpResponse<String> tooMany = get("/api/v1/datasets/" + dataset + "/ingestions?limit=100000");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("limit");
        assertThat(get("/api/v1/datasets/no-such-dataset/ingestions").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownBatchIsANotFoundProblem() {
        HttpResponse<String> response = get("/api/v1/ingestions/7d3f1c4e-0000-4000-8000-000000000000");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(http.json(response).get("type").asString())
                .isEqualTo("https://vishwaops.io/problems/not-found");
    }

    private long batches() {
        return jdbc.sql("select count(*) from ingestion_batch").query(Long.class).single();
    }

    private HttpResponse<String> post(String dataset, String contentType, String body) {
        return http.post("/api/v1/datasets/" + dataset + "/records", contentType, body);
    }

    private HttpResponse<String> get(String path) {
        return http.get(path);
    }
}

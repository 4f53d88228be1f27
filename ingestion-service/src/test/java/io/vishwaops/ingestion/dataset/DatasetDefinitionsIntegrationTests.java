package io.vishwaops.ingestion.dataset;

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

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class DatasetDefinitionsIntegrationTests {

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());
    private HttpProbe http;
    private String name;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        http = HttpProbe.localhost(port);
        name = "students-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aNewDatasetIsVersionOneAndAnnounced() {
        HttpResponse<String> created = http.post("/api/v1/datasets", "application/json", schema(name, "integer", "15.0"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/datasets/" + name);
        JsonNode version = http.json(created);
        assertThat(version.get("version").asInt()).isEqualTo(1);
        assertThat(version.at("/schema/columns/1/allowedValues").isArray()).isTrue();

        List<String> events = kafka.awaitContaining(Topics.DATASET_EVENTS, "\"dataset\":\"" + name + "\"", 1,
                Duration.ofSeconds(30));
        assertThat(events).singleElement().asString().contains("\"type\":\"dataset.defined\"", "\"version\":1");

        assertThat(http.json(http.get("/api/v1/datasets/" + name)).get("version").asInt()).isEqualTo(1);
        assertThat(http.json(http.get("/api/v1/datasets"))).anySatisfy(d -> assertThat(d.get("name").asString()).isEqualTo(name));
    }

    @Test
    void definingTheSameNameTwiceIsAConflict() {
        http.post("/api/v1/datasets", "application/json", schema(name, "integer", "15.0"));

        HttpResponse<String> again = http.post("/api/v1/datasets", "application/json", schema(name, "integer", "15.0"));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(http.json(again).get("type").asString()).isEqualTo("https://vishwaops.io/problems/conflict");
    }

    @Test
    void aMalformedSchemaNamesEachField() {
        HttpResponse<String> response = http.post("/api/v1/datasets", "application/json", """
                {"name": "%s", "columns": [{"name": "age", "type": "int"}], "target": "grade", "task": "regression"}"""
                .formatted(name));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(http.json(response).get("errors")).extracting(e -> e.get("pointer").asString())
                .containsExactlyInAnyOrder("columns[0].type", "target");
    }

    @Test
    void aCompatibleChangeMakesANewVersionAndAnUnchangedOneDoesNot() {
        http.post("/api/v1/datasets", "application/json", schema(name, "integer", "15.0"));

        HttpResponse<String> same = http.put("/api/v1/datasets/" + name, schema(name, "integer", "15.0"));
        assertThat(http.json(same).get("version").asInt()).isEqualTo(1);

        HttpResponse<String> wider = http.put("/api/v1/datasets/" + name, schema(name, "integer", "14.0"));
        assertThat(wider.statusCode()).as(wider.body()).isEqualTo(200);
        assertThat(http.json(wider).get("version").asInt()).isEqualTo(2);
        assertThat(http.json(http.get("/api/v1/datasets/" + name + "/versions"))).hasSize(2);
        assertThat(http.json(http.get("/api/v1/datasets/" + name + "/versions/1")).at("/schema/columns/0/min").asDouble())
                .isEqualTo(15.0);
    }

    @Test
    void anIncompatibleChangeNeedsTheExplicitFlag() {
        http.post("/api/v1/datasets", "application/json", schema(name, "integer", "15.0"));

        HttpResponse<String> refused = http.put("/api/v1/datasets/" + name, schema(name, "numeric", "15.0"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(http.json(refused).get("detail").asString()).contains("column 'age' changed type from integer to numeric");

        HttpResponse<String> allowed = http.put("/api/v1/datasets/" + name + "?allowIncompatible=true",
                schema(name, "numeric", "15.0"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(http.json(allowed).get("incompatibleChanges").get(0).asString())
                .isEqualTo("column 'age' changed type from integer to numeric");
    }

    @Test
    void anUnknownDatasetOrVersionIsNotFound() {
        assertThat(http.get("/api/v1/datasets/" + name).statusCode()).isEqualTo(404);
        http.post("/api/v1/datasets", "application/json", schema(name, "integer", "15.0"));
        HttpResponse<String> missing = http.get("/api/v1/datasets/" + name + "/versions/7");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(http.json(missing).get("detail").asString()).isEqualTo("dataset version '" + name + " v7' does not exist");
    }

    private static String schema(String name, String ageType, String minAge) {
        return """
                {"name": "%s", "description": "UCI student performance, mathematics",
                 "columns": [{"name": "age", "type": "%s", "nullable": false, "min": %s, "max": 22},
                             {"name": "school", "type": "categorical", "nullable": false},
                             {"name": "G3", "type": "integer", "nullable": false, "min": 0, "max": 20}],
                 "target": "G3", "task": "regression"}""".formatted(name, ageType, minAge);
    }
}

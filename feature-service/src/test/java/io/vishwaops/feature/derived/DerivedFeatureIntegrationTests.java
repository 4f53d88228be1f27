package io.vishwaops.feature.derived;

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
class DerivedFeatureIntegrationTests {

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());
    private HttpProbe http;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void connect(@LocalServerPort int port) {
        http = HttpProbe.localhost(port);
    }

    @Test
    void aFormulaOverTheSchemaIsDefinedWithItsTypeAndColumns() {
        String dataset = define();

        HttpResponse<String> response = post(dataset, "alcohol", "Dalc + Walc");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location").orElseThrow())
                .isEqualTo("/api/v1/features/" + dataset + "/derived/alcohol");
        JsonNode feature = http.json(response);
        assertThat(feature.get("type").asString()).isEqualTo("numeric");
        assertThat(feature.get("columns").values().stream().map(JsonNode::asString).toList())
                .containsExactly("Dalc", "Walc");
        assertThat(feature.get("schemaVersion").asInt()).isEqualTo(1);

        assertThat(post(dataset, "alcohol", "Dalc + Walc").statusCode()).as("the same definition again").isEqualTo(200);
        assertThat(post(dataset, "heavy", "if(Dalc + Walc > 6, 'heavy', 'light')").statusCode()).isEqualTo(201);
        assertThat(http.json(http.get("/api/v1/features/" + dataset + "/derived")).values().stream()
                .map(f -> f.get("name").asString()).toList()).containsExactly("alcohol", "heavy");
        assertThat(http.json(http.get("/api/v1/features/" + dataset + "/derived/heavy")).get("type").asString())
                .isEqualTo("text");
    }

    @Test
    void aMistakeInTheFormulaIsRefusedNamingItsPosition() {
        String dataset = define();

        HttpResponse<String> unknown = post(dataset, "alcohol", "Dalc + Walcc");
        assertThat(unknown.statusCode()).isEqualTo(400);
        JsonNode problem = http.json(unknown);
        assertThat(problem.get("type").asString()).isEqualTo("https://vishwaops.io/problems/invalid-request");
        assertThat(problem.at("/errors/0/pointer").asString()).isEqualTo("expression");
        assertThat(problem.at("/errors/0/message").asString())
                .isEqualTo("position 8: unknown column 'Walcc': did you mean 'Walc'?");
        assertThat(problem.get("position").asInt()).isEqualTo(8);

        HttpResponse<String> division = post(dataset, "ratio", "G3 / school");
        assertThat(division.statusCode()).isEqualTo(400);
        assertThat(http.json(division).at("/errors/0/message").asString())
                .isEqualTo("position 6: '/' needs a number, but school is text");
    }

    @Test
    void namesAndRedefinitionsAreChecked() {
        String dataset = define();
        assertThat(post(dataset, "trend", "G3 - Dalc").statusCode()).isEqualTo(201);

        HttpResponse<String> changed = post(dataset, "trend", "G3 - Walc");
        assertThat(changed.statusCode()).isEqualTo(409);

        HttpResponse<String> column = post(dataset, "Dalc", "Walc");
        assertThat(column.statusCode()).isEqualTo(400);
        assertThat(http.json(column).at("/errors/0/pointer").asString()).isEqualTo("name");

        assertThat(http.json(post(dataset, "1st", "Walc")).at("/errors/0/pointer").asString()).isEqualTo("name");

        HttpResponse<String> unknownDataset = post("no-such-dataset", "x", "1");
        assertThat(unknownDataset.statusCode()).isEqualTo(404);
        assertThat(http.json(unknownDataset).get("title").asString()).isEqualTo("Dataset not found");
    }

    private HttpResponse<String> post(String dataset, String name, String expression) {
        return http.post("/api/v1/features/" + dataset + "/derived", "application/json",
                "{\"name\":\"" + name + "\",\"expression\":\"" + expression.replace("\"", "\\\"") + "\"}");
    }

    private String define() {
        String dataset = "derived-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.send(Topics.DATASET_EVENTS, dataset, """
                {"eventId":"%s","type":"dataset.defined","occurredAt":"2026-11-27T08:00:00Z","schemaVersion":1,
                 "source":"/vops/ingestion-service","subject":"%s",
                 "data":{"dataset":"%s","version":1,"previousVersion":null,
                         "schema":{"name":"%s","description":null,
                                   "columns":[{"name":"school","type":"categorical","nullable":false,
                                               "allowedValues":["GP","MS"]},
                                              {"name":"Dalc","type":"integer","nullable":false},
                                              {"name":"Walc","type":"integer","nullable":false},
                                              {"name":"G3","type":"integer","nullable":false}],
                                   "entityKey":null,"eventTime":null,"target":"G3","task":"regression",
                                   "expectations":[]},
                         "incompatibleChanges":[],"definedBy":"test","definedAt":"2026-11-27T08:00:00Z"}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, dataset));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from dataset_schema where name = :name").param("name", dataset)
                .query(Long.class).single() > 0);
        return dataset;
    }
}

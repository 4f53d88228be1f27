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

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Data engineers write plain JSON to vops.raw.<dataset>; a dataset defined after startup is picked up. */
@ServiceIntegrationTest
class KafkaDoorIntegrationTests {

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());
    private HttpProbe http;
    private String dataset;

    @BeforeEach
    void defineDataset(@LocalServerPort int port) {
        http = HttpProbe.localhost(port);
        dataset = "sensors-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> defined = http.post("/api/v1/datasets", "application/json", """
                {"name": "%s", "columns": [{"name": "temperature", "type": "numeric"}]}""".formatted(dataset));
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
    }

    @Test
    void plainJsonOnANewRawTopicIsIngestedAndCounted() {
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.raw(dataset), null, "{\"temperature\": 21.5, \"_id\": \"" + marker + "-1\"}");
        kafka.send(Topics.raw(dataset), null, "{\"temperature\": \"22.0\", \"_id\": \"" + marker + "-2\"}");

        List<String> ingested = kafka.read(Topics.RECORDS_INGESTED,
                text -> text.contains("\"dataset\":\"" + dataset + "\""), found -> records(found) >= 2,
                Duration.ofSeconds(60), Duration.ZERO);
        assertThat(records(ingested)).isEqualTo(2);
        assertThat(ingested).allSatisfy(text -> assertThat(text).contains("\"source\":\"/vops/ingestion-service\"")
                .doesNotContain("\"_id\""));

        List<String> received = kafka.read(Topics.DATASET_EVENTS,
                text -> text.contains("\"type\":\"records.received\"") && text.contains(dataset),
                found -> found.stream().mapToLong(KafkaDoorIntegrationTests::count).sum() >= 2, Duration.ofSeconds(30),
                Duration.ZERO);
        assertThat(received).allSatisfy(text -> assertThat(text).contains("\"source\":\"kafka\"", "\"last\":true"));
        assertThat(received.stream().mapToLong(KafkaDoorIntegrationTests::count).sum()).isEqualTo(2);
    }

    @Test
    void whatCannotBeARecordIsDeadLetteredWithItsReason() {
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.raw(dataset), marker, "not json at all");
        kafka.send(Topics.raw(dataset), marker, "[1, 2, 3]");
        kafka.send(Topics.raw(dataset), marker, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        kafka.send(Topics.raw(dataset), marker, "{\"temperature\": {\"value\": 3}}");
        String undefined = "nobody-defined-" + marker.substring(0, 8);
        kafka.send(Topics.raw(undefined), marker, "{\"temperature\": 20}");

        assertThat(kafka.readKeys(Topics.deadLetter(Topics.raw(dataset)), marker, 4, Duration.ofSeconds(60)))
                .containsExactlyInAnyOrder("not valid JSON", "expected a JSON object, got ARRAY", "not UTF-8 text",
                        "field 'temperature' is a nested object or array; values must be JSON scalars");
        assertThat(kafka.readKeys(Topics.deadLetter(Topics.raw(undefined)), marker, 1, Duration.ofSeconds(60)))
                .singleElement().asString().startsWith("dataset '" + undefined + "' is not defined");
    }

    /** Records in messages of vops.records.ingested, which carry many each. */
    private static long records(List<String> messages) {
        return messages.stream().mapToLong(text -> text.split("\"recordId\":", -1).length - 1).sum();
    }

    private static long count(String event) {
        int at = event.indexOf("\"count\":") + 8;
        return Long.parseLong(event.substring(at, event.indexOf(',', at)));
    }
}

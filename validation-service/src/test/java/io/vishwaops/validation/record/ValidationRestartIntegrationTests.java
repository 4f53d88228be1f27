package io.vishwaops.validation.record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.vishwaops.contracts.Topics;
import io.vishwaops.testsupport.KafkaProbe;
import io.vishwaops.testsupport.SharedInfrastructure;
import io.vishwaops.validation.ValidationApplication;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing is lost and nothing is counted twice when validation stops in the middle of a batch and starts again:
 * the verdicts of every record reach the topics exactly once, and the records.checked counts add up to the batch.
 */
class ValidationRestartIntegrationTests {

    private static final int RECORDS = 30_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());

    @Test
    void aBatchIsJudgedExactlyOnceAcrossARestartOfValidation() {
        String dataset = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        UUID batch = UUID.randomUUID();
        kafka.send(Topics.DATASET_EVENTS, dataset, defined(dataset));
        List<String> events = new ArrayList<>(RECORDS);
        List<UUID> ids = new ArrayList<>(RECORDS);
        for (int row = 1; row <= RECORDS; row++) {
            ids.add(UUID.randomUUID());
            // every 10th record out of range, to be quarantined
            events.add(ingested(dataset, batch, row, ids.getLast(), row % 10 == 0 ? 200 : row % 100));
        }
        kafka.sendAll(Topics.RECORDS_INGESTED, dataset, events);

        try (ConfigurableApplicationContext first = start()) {
            long judged = judged(batch, 1, Duration.ofSeconds(60));
            assertThat(judged).as("stopped part-way").isLessThan(RECORDS);
        }
        try (ConfigurableApplicationContext second = start()) {
            assertThat(judged(batch, RECORDS, Duration.ofSeconds(120))).isEqualTo(RECORDS);

            // the valid records sent again in a new batch are duplicates, also those the first run accepted: the
            // second knows them only from what the first stored
            UUID again = UUID.randomUUID();
            List<String> resent = new ArrayList<>();
            for (int row = 1; row <= RECORDS; row++) {
                if (row % 10 != 0) {
                    resent.add(ingested(dataset, again, row, ids.get(row - 1), row % 100));
                }
            }
            kafka.sendAll(Topics.RECORDS_INGESTED, dataset, resent);
            List<String> checked = kafka.read(Topics.DATASET_EVENTS,
                    text -> text.contains("\"type\":\"records.checked\"") && text.contains(again.toString()),
                    found -> total(found) >= resent.size(), Duration.ofSeconds(120), Duration.ZERO);
            long valid = 0;
            long duplicates = 0;
            for (String text : checked) {
                JsonNode data = JSON.readTree(text).get("data");
                valid += data.get("valid").asLong();
                duplicates += data.path("violationsByRule").path("duplicate").asLong();
            }
            assertThat(valid).isZero();
            assertThat(duplicates).isEqualTo(resent.size());
        }

        // valid records travel many to a message
        long validated = records(kafka.read(Topics.RECORDS_VALIDATED, text -> text.contains(batch.toString()),
                found -> records(found, batch) >= RECORDS * 9 / 10, Duration.ofSeconds(60), Duration.ofSeconds(2)),
                batch);
        // the batch's own records: the duplicates of the second batch name the first in their reasons
        long quarantined = kafka.read(Topics.RECORDS_QUARANTINED,
                text -> text.contains("\"batchId\":\"" + batch + "\""),
                found -> found.size() >= RECORDS / 10, Duration.ofSeconds(60), Duration.ofSeconds(2)).size();
        assertThat(validated).isEqualTo(RECORDS * 9 / 10);
        assertThat(quarantined).isEqualTo(RECORDS / 10);
    }

    /** The records of {@code batch} that {@code messages} carry. */
    static long records(List<String> messages, UUID batch) {
        String marker = "\"batchId\":\"" + batch + "\"";
        long found = 0;
        for (String message : messages) {
            for (int at = message.indexOf(marker); at >= 0; at = message.indexOf(marker, at + 1)) {
                found++;
            }
        }
        return found;
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ValidationApplication.class)
                .initializers(new SharedInfrastructure.Initializer())
                .run("--server.port=0");
    }

    /** The records the batch's records.checked events account for, once at least {@code atLeast} or the timeout. */
    private long judged(UUID batch, long atLeast, Duration timeout) {
        List<String> checked = kafka.read(Topics.DATASET_EVENTS,
                text -> text.contains("\"type\":\"records.checked\"") && text.contains(batch.toString()),
                found -> total(found) >= atLeast, timeout, Duration.ZERO);
        return total(checked);
    }

    private static long total(List<String> checked) {
        long total = 0;
        for (String text : checked) {
            JsonNode data = JSON.readTree(text).get("data");
            total += data.get("valid").asLong() + data.get("quarantined").asLong();
        }
        return total;
    }

    private static String defined(String dataset) {
        return """
                {"eventId":"%s","type":"dataset.defined","occurredAt":"2026-11-27T07:59:00Z","schemaVersion":1,
                 "source":"/vops/ingestion-service","subject":"%s",
                 "data":{"dataset":"%s","version":1,"previousVersion":null,"incompatibleChanges":[],
                  "definedBy":"test","definedAt":"2026-11-27T07:59:00Z",
                  "schema":{"name":"%s","description":null,"entityKey":null,"eventTime":null,"target":null,
                   "task":null,"expectations":[],"columns":[
                    {"name":"score","type":"integer","nullable":false,"allowedValues":[],"min":0,"max":100,"pattern":null,"description":null}]}}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, dataset);
    }

    private static String ingested(String dataset, UUID batch, long row, UUID recordId, int score) {
        return """
                {"eventId":"%s","type":"record.ingested","occurredAt":"2026-11-27T08:00:00Z","schemaVersion":1,
                 "source":"/vops/test","subject":"%s",
                 "data":{"dataset":"%s","recordId":"%s","batchId":"%s","row":%d,"schemaVersion":1,
                         "values":{"score":%d},"problems":[],"receivedAt":"2026-11-27T08:00:00Z"}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, recordId, batch, row, score);
    }
}

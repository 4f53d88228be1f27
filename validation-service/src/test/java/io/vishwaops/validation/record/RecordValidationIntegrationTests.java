package io.vishwaops.validation.record;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.vishwaops.contracts.Topics;
import io.vishwaops.testsupport.KafkaProbe;
import io.vishwaops.testsupport.ServiceIntegrationTest;
import io.vishwaops.testsupport.SharedInfrastructure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class RecordValidationIntegrationTests {

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());

    @Autowired
    JdbcClient jdbc;

    @Test
    void ingestedRecordMovesOnToValidatedExactlyOnceWhenDeliveredTwice() {
        UUID eventId = UUID.randomUUID();
        UUID recordId = UUID.randomUUID();
        String event = ingested(eventId, recordId, "record.ingested", 1);
        kafka.send(Topics.RECORDS_INGESTED, "student-por", event);
        kafka.send(Topics.RECORDS_INGESTED, "student-por", event);

        List<String> validated = kafka.read(Topics.RECORDS_VALIDATED, text -> text.contains(recordId.toString()),
                found -> !found.isEmpty(), Duration.ofSeconds(30), Duration.ofSeconds(3));

        assertThat(validated).hasSize(1);
        assertThat(validated.getFirst()).contains("\"type\":\"record.validated\"", "\"G3\":14");
        assertThat(jdbc.sql("select valid from validation_outcome where record_id = :id").param("id", recordId)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheConsumerKeepsGoing() {
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.RECORDS_INGESTED, "student-por", "{ not json " + marker);
        kafka.send(Topics.RECORDS_INGESTED, "student-por", ingested(UUID.randomUUID(), UUID.randomUUID(),
                "record.unheard-of", 1).replace("student-por", marker));
        kafka.send(Topics.RECORDS_INGESTED, "student-por", ingested(UUID.randomUUID(), UUID.randomUUID(),
                "record.ingested", 99).replace("student-por", marker));
        UUID goodRecord = UUID.randomUUID();
        kafka.send(Topics.RECORDS_INGESTED, "student-por", ingested(UUID.randomUUID(), goodRecord, "record.ingested", 1));

        List<String> deadLetters = kafka.awaitContaining(Topics.deadLetter(Topics.RECORDS_INGESTED), marker, 3,
                Duration.ofSeconds(30));
        assertThat(deadLetters).hasSize(3);
        assertThat(deadLetters).anyMatch(text -> text.startsWith("{ not json"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                jdbc.sql("select count(*) from validation_outcome where record_id = :id").param("id", goodRecord)
                        .query(Long.class).single()).isEqualTo(1L));
    }

    private static String ingested(UUID eventId, UUID recordId, String type, int schemaVersion) {
        return """
                {"eventId":"%s","type":"%s","occurredAt":"2026-11-27T08:00:00Z","schemaVersion":%d,
                 "source":"/vops/test","subject":"student-por",
                 "data":{"dataset":"student-por","recordId":"%s","batchId":"%s",
                         "values":{"school":"GP","age":17,"G3":14},"receivedAt":"2026-11-27T08:00:00Z"}}"""
                .formatted(eventId, type, schemaVersion, recordId, UUID.randomUUID());
    }
}

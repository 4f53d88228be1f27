package io.vishwaops.validation.record.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.contracts.records.RecordsIngested;
import io.vishwaops.contracts.records.Violation;
import io.vishwaops.messaging.PoisonEvent;
import io.vishwaops.validation.record.ValuesJson;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A records.ingested message read in one pass: the records data binding would give, and each one's values' text. */
class IngestedChunksTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final IngestedChunks chunks = new IngestedChunks(json);

    @Test
    void readsTheRecordsAsDataBindingWouldAndWhereTheirValuesLie() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("x", 1.25);
        values.put("n", 7);
        values.put("big", 12345678901L);
        values.put("city", "Évora");
        values.put("none", null);
        values.put("flag", true);
        var first = new RecordIngested("ds", UUID.randomUUID(), UUID.randomUUID(), 1, 2, values, List.of(),
                Instant.parse("2026-11-27T10:00:00.5Z"));
        var ragged = new RecordIngested("ds", UUID.randomUUID(), first.batchId(), 2, 2, Map.of("a", "1"),
                List.of(new Violation(null, "ragged-row", 3, "row 2 has 3 fields"),
                        new Violation("a", "type", "x", "a must be a number, was 'x'")), first.receivedAt());
        var envelope = new EventEnvelope<>(UUID.randomUUID(), "records.ingested", Instant.now(), 1,
                "/vops/ingestion-service", "ds", new RecordsIngested("ds", List.of(first, ragged)));
        byte[] bytes = json.writeValueAsBytes(envelope);

        IngestedChunks.Chunk chunk = chunks.read("vops.records.ingested", bytes);

        assertThat(chunk.records()).containsExactly(first, ragged);
        assertThat(chunk.eventId()).isEqualTo(envelope.eventId());
        assertThat(chunk.source()).isEqualTo("/vops/ingestion-service");
        ValuesJson text = chunk.values().getFirst();
        assertThat(json.readValue(new String(text.bytes(), text.from(), text.to() - text.from(), StandardCharsets.UTF_8),
                Map.class)).isEqualTo(values);
    }

    @Test
    void leavesOtherEventsToTheGeneralReaderAndRefusesWhatItCannotJudge() {
        assertThat(chunks.read("t", "{\"eventId\":\"x\",\"type\":\"record.ingested\",\"data\":{}}"
                .getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(chunks.read("t", "[1]".getBytes(StandardCharsets.UTF_8))).isNull();
        String newer = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"records.ingested\",\"occurredAt\":\""
                + Instant.now() + "\",\"schemaVersion\":99,\"source\":\"s\",\"subject\":\"ds\",\"data\":{\"dataset\":"
                + "\"ds\",\"records\":[{\"dataset\":\"ds\",\"recordId\":\"" + UUID.randomUUID() + "\",\"batchId\":\""
                + UUID.randomUUID() + "\",\"row\":1,\"values\":{}}]}}";
        assertThatThrownBy(() -> chunks.read("t", newer.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonEvent.class).hasMessageContaining("unsupported schemaVersion 99");
        String noList = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"records.ingested\",\"occurredAt\":\""
                + Instant.now() + "\",\"schemaVersion\":1,\"source\":\"s\",\"subject\":\"ds\",\"data\":{\"records\":"
                + "{\"a\":1}}}";
        assertThatThrownBy(() -> chunks.read("t", noList.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonEvent.class).hasMessageContaining("data.records must be an array");
    }
}

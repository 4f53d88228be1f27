package io.vishwaops.validation.record.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.contracts.records.RecordsIngested;
import io.vishwaops.contracts.records.Violation;
import io.vishwaops.messaging.PoisonEvent;
import io.vishwaops.validation.record.Columns;
import io.vishwaops.validation.record.Row;
import io.vishwaops.validation.record.ValuesJson;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A records.ingested message read in one pass: the records data binding would give, and each one's values' text. */
class IngestedChunksTests {

    private final JsonMapper json = JsonMapper.builder().build();
    /** ds version 2 lists its columns in another order than the records send them, and lacks "a". */
    private static final Columns DS = Columns.of(new DatasetSchema("ds", null, List.of(
            column("flag", "boolean"), column("x", "numeric"), column("n", "integer"), column("big", "integer"),
            column("none", "text"), column("city", "categorical")), null, null, null, null, List.of()));
    private final IngestedChunks chunks = new IngestedChunks(json, (dataset, version) -> {
        if (dataset.equals("ds") && version == 2) {
            return DS;
        }
        throw new IllegalStateException("unknown " + dataset + "@" + version);
    });

    private static ColumnSpec column(String name, String type) {
        return new ColumnSpec(name, type, true, List.of(), null, null, null, null);
    }

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
        // held by position in the schema's columns, a field it lacks kept beside them
        assertThat(chunk.records()).allSatisfy(r -> assertThat(r.values()).isInstanceOf(Row.class));
        assertThat(chunk.records().get(1).values()).containsExactly(Map.entry("a", "1"));
        assertThat(chunk.records().getFirst().values().keySet())
                .containsExactly("flag", "x", "n", "big", "none", "city");
        assertThat(chunk.eventId()).isEqualTo(envelope.eventId());
        assertThat(chunk.source()).isEqualTo("/vops/ingestion-service");
        ValuesJson text = ((Row) chunk.records().getFirst().values()).text();
        assertThat(json.readValue(new String(text.bytes(), text.from(), text.to() - text.from(), StandardCharsets.UTF_8),
                Map.class)).isEqualTo(values);
    }

    @Test
    void readsValuesIntoAMapWhenTheSchemaVersionIsNotKnownAndDropsTheTextOfAColumnGivenTwice() {
        String message = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"records.ingested\",\"occurredAt\":\""
                + Instant.now() + "\",\"schemaVersion\":1,\"source\":\"s\",\"subject\":\"ds\",\"data\":{\"dataset\":"
                + "\"ds\",\"records\":[{\"dataset\":\"ds\",\"recordId\":\"" + UUID.randomUUID() + "\",\"batchId\":\""
                + UUID.randomUUID() + "\",\"row\":1,\"schemaVersion\":%d,\"values\":{\"x\":1.5,\"n\":2,\"x\":3.5}}]}}";

        for (int version : new int[] {2, 3}) {
            IngestedChunks.Chunk chunk = chunks.read("t", message.formatted(version).getBytes(StandardCharsets.UTF_8));

            assertThat(chunk.records().getFirst().values()).isEqualTo(Map.of("x", 3.5, "n", 2));
            assertThat(chunk.records().getFirst().values() instanceof Row).isEqualTo(version == 2);
            // no text: a map has none, and a row's text would not stand for the values
            assertThat(chunk.records().getFirst().values() instanceof Row row ? row.text() : null).isNull();
        }
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

package io.vishwaops.ingestion.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.contracts.records.RecordsIngested;
import io.vishwaops.contracts.records.Violation;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A records.ingested message written straight to bytes reads as the general serializer's would. */
class ChunkJsonTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsAsTheSerializedEnvelopeWithValuesCopiedOrWritten() {
        Instant received = Instant.parse("2026-11-27T10:00:00.123456Z");
        UUID batch = UUID.randomUUID();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("x", 1.5);
        values.put("n", 42L);
        values.put("city", "Évora \"quoted\"");
        values.put("missing", null);
        var copied = new RecordIngested("ds-1", UUID.randomUUID(), batch, 1, 3, values, List.of(), received);
        var written = new RecordIngested("ds-1", UUID.randomUUID(), batch, 2, 3, values,
                List.of(new Violation(null, "ragged-row", 4, "row 2 has 4 fields")), received);
        var envelope = new EventEnvelope<>(UUID.randomUUID(), "records.ingested", Instant.now(), 1,
                "/vops/ingestion-service", "ds-1", new RecordsIngested("ds-1", List.of(copied, written)));

        // one writer for a batch's chunks: a small first chunk, then one that outgrows the buffer, then the first again
        ChunkJson writer = new ChunkJson(json, 1024);
        var small = new EventEnvelope<>(UUID.randomUUID(), "records.ingested", Instant.now(), 1,
                "/vops/ingestion-service", "ds-1", new RecordsIngested("ds-1", List.of(written)));
        byte[] first = writer.write(small, "ds-1", List.of(new ChunkJson.Entry(written, null)));
        List<ChunkJson.Entry> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new ChunkJson.Entry(written, null));
        }
        byte[] large = writer.write(small, "ds-1", many);
        byte[] bytes = writer.write(envelope, "ds-1", new ArrayList<>(List.of(
                new ChunkJson.Entry(copied, "{\"x\": 1.5, \"n\":42,\"city\":\"\\u00c9vora \\\"quoted\\\"\",\"missing\":null}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new ChunkJson.Entry(written, null))));

        assertThat(json.readTree(bytes)).isEqualTo(json.readTree(json.writeValueAsBytes(envelope)));
        assertThat(json.readTree(first)).isEqualTo(json.readTree(json.writeValueAsBytes(small)));
        assertThat(large.length).isGreaterThan(50 * first.length);
        assertThat(json.readTree(large).get("data").get("records")).hasSize(100);
        assertThat(new String(bytes, 0, 80, java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"type\":\"records.ingested\"");
    }
}

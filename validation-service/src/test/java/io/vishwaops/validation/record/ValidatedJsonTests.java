package io.vishwaops.validation.record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.records.RecordValidated;
import io.vishwaops.contracts.records.RecordsValidated;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A records.validated message written straight to bytes reads as the general serializer's would. */
class ValidatedJsonTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsAsTheSerializedEnvelopeWithValuesCopiedOrWritten() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("x", 1.5);
        values.put("n", 42L);
        values.put("city", "Évora");
        values.put("none", null);
        Instant received = Instant.parse("2026-11-27T10:00:00.120Z");
        Instant validated = Instant.parse("2026-11-27T10:00:01Z");
        var copied = new RecordValidated("ds", UUID.randomUUID(), UUID.randomUUID(), values, received, validated, 2);
        var written = new RecordValidated("ds", UUID.randomUUID(), copied.batchId(), values, received, validated, 2);
        var envelope = new EventEnvelope<>(UUID.randomUUID(), "records.validated", Instant.now(), 1,
                "/vops/validation-service", "ds", new RecordsValidated("ds", List.of(copied, written)));
        // the values' text inside a larger message, as validation reads it
        byte[] message = "[0,{\"x\":1.5,\"n\":42,\"city\":\"\\u00c9vora\",\"none\":null},0]".getBytes(StandardCharsets.UTF_8);
        int from = 3;
        int to = new String(message, StandardCharsets.UTF_8).indexOf('}') + 1;

        byte[] bytes = new ValidatedJson(json, 16).write(envelope, "ds", List.of(copied, written),
                Arrays.asList(new ValuesJson(message, from, to), null));

        assertThat(json.readTree(bytes)).isEqualTo(json.readTree(json.writeValueAsBytes(envelope)));
        assertThat(new String(bytes, 0, 80, StandardCharsets.UTF_8)).contains("\"type\":\"records.validated\"");
    }
}

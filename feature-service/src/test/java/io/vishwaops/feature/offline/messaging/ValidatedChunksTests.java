package io.vishwaops.feature.offline.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.vishwaops.feature.offline.OfflineStore;
import io.vishwaops.messaging.PoisonEvent;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidatedChunksTests {

    private final ValidatedChunks chunks = new ValidatedChunks(JsonMapper.builder().build());

    private static final UUID FIRST = UUID.fromString("0195e3a1-4c2a-7b3e-8f12-6d0c9e5a7b21");
    private static final UUID SECOND = UUID.fromString("0195e3a1-4c2a-7b3e-8f12-6d0c9e5a7b22");

    @Test
    void eachRecordKeepsItsValuesAsTheJsonTheyArrivedAs() {
        List<OfflineStore.Incoming> read = chunks.read("t", bytes(message("records.validated", 1,
                record(FIRST, "{\"name\":\"Zoë \\\"Z\\\"\",\"age\":17,\"score\":0.5,\"ok\":true,\"none\":null}") + ","
                        + record(SECOND, "{ \"age\" : 18 }"))));

        assertThat(read).extracting(OfflineStore.Incoming::recordId).containsExactly(FIRST, SECOND);
        assertThat(read.getFirst().values())
                .isEqualTo("{\"name\":\"Zoë \\\"Z\\\"\",\"age\":17,\"score\":0.5,\"ok\":true,\"none\":null}");
        assertThat(read.get(1).values()).isEqualTo("{ \"age\" : 18 }");
        assertThat(read.getFirst().dataset()).isEqualTo("student-por");
        assertThat(read.getFirst().receivedAt()).isEqualTo("2026-03-14T09:26:53.412Z");
        assertThat(read.getFirst().validatedAt()).isEqualTo("2026-03-14T09:26:53.530Z");
        assertThat(read.getFirst().schemaVersion()).isEqualTo(2);
        assertThat(read.getFirst().parsedValues()).isNull();
    }

    @Test
    void otherEventsAreLeftToTheGeneralReader() {
        assertThat(chunks.read("t", bytes(message("record.validated", 1, record(FIRST, "{}"))))).isNull();
        assertThat(chunks.read("t", bytes("""
                {"data":{"dataset":"student-por","records":[%s]},"type":"records.validated","schemaVersion":1}"""
                .formatted(record(FIRST, "{}"))))).isNull();
        assertThat(chunks.read("t", bytes("[1, 2]"))).isNull();
    }

    @Test
    void aChunkThatCannotBeStoredIsPoison() {
        assertThatThrownBy(() -> chunks.read("t", bytes(message("records.validated", 2, record(FIRST, "{}")))))
                .isInstanceOf(PoisonEvent.class).hasMessageContaining("unsupported schemaVersion 2");
        assertThatThrownBy(() -> chunks.read("t", bytes(message("records.validated", 1,
                record(FIRST, "{}").replace(FIRST.toString(), "not-a-uuid")))))
                .isInstanceOf(PoisonEvent.class).hasMessageStartingWith("unreadable event on t");
        assertThatThrownBy(() -> chunks.read("t", bytes(message("records.validated", 1,
                record(FIRST, "[1]"))))).isInstanceOf(PoisonEvent.class).hasMessageContaining("values must be an object");
        assertThatThrownBy(() -> chunks.read("t", bytes(message("records.validated", 1,
                record(FIRST, "{}").replace("2026-03-14T09:26:53.412Z", "yesterday")))))
                .isInstanceOf(PoisonEvent.class);
        assertThatThrownBy(() -> chunks.read("t", bytes(message("records.validated", 1, ""))))
                .isInstanceOf(PoisonEvent.class).hasMessageContaining("data.records is missing or empty");
        assertThatThrownBy(() -> chunks.read("t", bytes(message("records.validated", 1, record(FIRST, "{}"))
                .substring(0, 150)))).isInstanceOf(PoisonEvent.class);
    }

    private static String message(String type, int version, String records) {
        return """
                {"eventId":"0195e3a1-4d77-7e02-a3b5-91c4d2e6f703","type":"%s","occurredAt":"2026-03-14T09:26:53.530Z",
                 "schemaVersion":%d,"source":"/vops/validation-service","subject":"student-por",
                 "data":{"dataset":"student-por","records":[%s]}}""".formatted(type, version, records);
    }

    private static String record(UUID id, String values) {
        return """
                {"dataset":"student-por","recordId":"%s","batchId":"0195e3a1-3f90-7a44-b1c7-0e2d5f8a9c30",
                 "values":%s,"receivedAt":"2026-03-14T09:26:53.412Z","validatedAt":"2026-03-14T09:26:53.530Z",
                 "schemaVersion":2}""".formatted(id, values);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

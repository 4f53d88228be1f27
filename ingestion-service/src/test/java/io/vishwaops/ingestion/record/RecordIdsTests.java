package io.vishwaops.ingestion.record;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Record ids are the name-based UUIDs they always were: re-sending a record keeps its id across releases. */
class RecordIdsTests {

    @Test
    void idsAreVersion3UuidsOfTheDatasetAndTheClientIdOrTheContent() {
        RecordIds ids = new RecordIds(JsonMapper.builder().build());
        for (String clientId : new String[] {"r1", "", "Évora-7", "x".repeat(1000)}) {
            assertThat(ids.of("students", clientId, Map.of())).isEqualTo(
                    UUID.nameUUIDFromBytes(("students\u0000id:" + clientId).getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(ids.of("students", null, Map.of("b", 2, "a", "x"))).isEqualTo(
                UUID.nameUUIDFromBytes("students\u0000content:{\"a\":\"x\",\"b\":2}".getBytes(StandardCharsets.UTF_8)));
        assertThat(ids.of("students", 42, Map.of()).version()).isEqualTo(3);
    }
}

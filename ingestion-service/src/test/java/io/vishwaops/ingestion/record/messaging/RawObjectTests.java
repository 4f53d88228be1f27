package io.vishwaops.ingestion.record.messaging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A raw record read once: its values, and their text as it arrived without the client's {@code _id}. */
class RawObjectTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final RawRecordsListener listener = new RawRecordsListener(null, null, null, json);

    @Test
    void theValuesTextIsTheRecordWithoutItsIdWhereverTheIdStands() {
        assertThat(text("{\"temperature\": 21.5, \"_id\": \"m-1\"}")).isEqualTo("{\"temperature\": 21.5}");
        assertThat(text("{\"_id\":\"m-1\",\"a\":1,\"b\":\"x\"}")).isEqualTo("{\"a\":1,\"b\":\"x\"}");
        assertThat(text("{\"a\":1, \"_id\":7 ,\"b\":null}")).isEqualTo("{\"a\":1, \"b\":null}");
        assertThat(text(" { \"_id\" : \"only\" } ")).isEqualTo("{}");
        assertThat(text("\uFEFF{\"city\":\"Évora\",\"n\":3}")).isEqualTo("{\"city\":\"Évora\",\"n\":3}");
    }

    @Test
    void theTextReadsAsTheValuesTheRecordHas() {
        String sent = "{\"x\":1.5e3,\"n\":12345678901,\"s\":\"a\\\"b\\u00e9\",\"t\":true,\"_id\":\"r1\",\"z\":null}";
        RawRecordsListener.RawObject object = listener.object(sent.getBytes(StandardCharsets.UTF_8), 4);
        Map<String, Object> values = new LinkedHashMap<>(object.values());
        assertThat(values.remove("_id")).isEqualTo("r1");
        assertThat(json.readValue(object.json(), Map.class)).isEqualTo(values);
        assertThat(values).containsEntry("x", 1500.0).containsEntry("n", 12345678901L).containsEntry("s", "a\"bé")
                .containsEntry("t", true).containsEntry("z", null);
    }

    @Test
    void aRecordWithItsClientIdIsOnlyScannedAndGivesTheSameTextIdAndEntity() {
        String sent = "{\"x\":1.5e3,\"city\":\"\u00c9vora\",\"_id\":\"r1\",\"n\":12345678901,\"z\":null}";
        var names = new RawRecordsListener.Names();
        RawRecordsListener.RawObject read = listener.object(sent.getBytes(StandardCharsets.UTF_8), 4);
        RawRecordsListener.RawObject scanned = listener.object(sent.getBytes(StandardCharsets.UTF_8), 4, "city", names);

        assertThat(scanned.values()).isNull();
        assertThat(scanned.clientId()).isEqualTo("r1");
        assertThat(scanned.entity()).isEqualTo("Évora");
        assertThat(scanned.json()).isEqualTo(read.json());
        // the names of one record do not count against the next
        assertThat(listener.object(sent.getBytes(StandardCharsets.UTF_8), 4, "city", names).json()).isEqualTo(read.json());
    }

    @Test
    void aRecordTheScanCannotCarryIsReadValueByValue() {
        var names = new RawRecordsListener.Names();
        // no client id: its id comes from its values
        RawRecordsListener.RawObject content = listener.object("{\"a\":1,\"b\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                4, "a", names);
        assertThat(content.values()).containsEntry("a", 1).containsEntry("b", "x");
        // a name given twice: no text stands for its values
        RawRecordsListener.RawObject twice = listener.object("{\"_id\":1,\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8),
                4, null, names);
        assertThat(twice.json()).isNull();
        assertThat(twice.values()).containsEntry("a", 2);
        // what is wrong is said as before
        assertThatThrownBy(() -> listener.object("{\"_id\":1,\"t\":[3]}".getBytes(StandardCharsets.UTF_8), 4, null, names))
                .hasMessage("field 't' is a nested object or array; values must be JSON scalars");
        assertThatThrownBy(() -> listener.object(new byte[] {'{', '"', '_', 'i', 'd', '"', ':', '1', ',', '"', 'a', '"', ':',
                '"', (byte) 0xC3, 0x28, '"', '}'}, 4, null, names)).hasMessage("not UTF-8 text");
        assertThatThrownBy(() -> listener.object("{\"_id\":1} {}".getBytes(StandardCharsets.UTF_8), 4, null, names))
                .hasMessageStartingWith("not valid JSON");
    }

    @Test
    void namesTellANameGivenTwiceAmongMany() {
        var names = new RawRecordsListener.Names();
        for (int i = 0; i < 500; i++) {
            assertThat(names.add("column" + i)).isTrue();
        }
        assertThat(names.add("column" + 123)).isFalse();
        names.clear();
        assertThat(names.add("column" + 123)).isTrue();
    }

    @Test
    void aNameGivenTwiceHasNoTextToTravelAs() {
        RawRecordsListener.RawObject object = listener.object("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8), 4);
        assertThat(object.json()).isNull();
        assertThat(object.values()).containsEntry("a", 2);
    }

    @Test
    void whatIsNoObjectOfScalarsIsRefusedWithItsReason() {
        assertThatThrownBy(() -> listener.object("[1, 2]".getBytes(StandardCharsets.UTF_8), 4))
                .hasMessage("expected a JSON object, got ARRAY");
        assertThatThrownBy(() -> listener.object("{\"t\": {\"v\": 3}}".getBytes(StandardCharsets.UTF_8), 4))
                .hasMessage("field 't' is a nested object or array; values must be JSON scalars");
        assertThatThrownBy(() -> listener.object("{\"a\": 1".getBytes(StandardCharsets.UTF_8), 4))
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> listener.object("{\"a\": 1} {\"b\": 2}".getBytes(StandardCharsets.UTF_8), 4))
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> listener.object(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}, 4))
                .hasMessage("not UTF-8 text");
    }

    private String text(String sent) {
        return new String(listener.object(sent.getBytes(StandardCharsets.UTF_8), 4).json(), StandardCharsets.UTF_8);
    }
}

package io.vishwaops.feature.snapshot;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalRowTests {

    private static final ObjectReader READER = JsonMapper.builder().build().readerFor(JsonNode.class)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final UUID ID = UUID.fromString("0195e3c8-0b40-7d18-b6a2-4c1e8f0d3b55");

    @Test
    void fieldOrderAndNumberSpellingDoNotMatter() {
        String a = CanonicalRow.of(ID, read("{\"school\":\"GP\",\"age\":18,\"score\":0.5,\"G3\":11}"));
        String b = CanonicalRow.of(ID, read("{\"G3\":1.1E1,\"score\":0.50,\"age\":18.0,\"school\":\"GP\"}"));

        assertThat(a).isEqualTo(b)
                .isEqualTo("{\"G3\":11,\"_record_id\":\"0195e3c8-0b40-7d18-b6a2-4c1e8f0d3b55\",\"age\":18,"
                        + "\"school\":\"GP\",\"score\":0.5}");
    }

    @Test
    void aMissingValueIsTheSameAsANullOne() {
        assertThat(CanonicalRow.of(ID, read("{\"a\":1,\"b\":null}"))).isEqualTo(CanonicalRow.of(ID, read("{\"a\":1}")));
    }

    @Test
    void valuesThatDifferGiveDifferentRows() {
        assertThat(CanonicalRow.of(ID, read("{\"a\":\"1\"}"))).isNotEqualTo(CanonicalRow.of(ID, read("{\"a\":1}")));
        assertThat(CanonicalRow.of(ID, read("{\"a\":0.1}"))).isNotEqualTo(CanonicalRow.of(ID, read("{\"a\":0.10000001}")));
    }

    @Test
    void stringsAreEscapedMinimallyAndStayValidJson() {
        String row = CanonicalRow.of(ID, read("{\"name\":\"Zoë \\\"Z\\\" \\\\ \\n\\u0001 €\"}"));

        assertThat(row).contains("\"name\":\"Zoë \\\"Z\\\" \\\\ \\n\\u0001 €\"");
        assertThat(read(row).get("name").stringValue()).isEqualTo("Zoë \"Z\" \\ \n\u0001 €");
    }

    @Test
    void numbersAreWrittenInTheirShortestPlainForm() {
        assertThat(CanonicalRow.number(new java.math.BigDecimal("1.8E1"))).isEqualTo("18");
        assertThat(CanonicalRow.number(new java.math.BigDecimal("-0.000"))).isEqualTo("0");
        assertThat(CanonicalRow.number(new java.math.BigDecimal("1.250"))).isEqualTo("1.25");
        assertThat(CanonicalRow.number(new java.math.BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(CanonicalRow.number(new java.math.BigDecimal("2.5E-7"))).isEqualTo("0.00000025");
    }

    private static JsonNode read(String text) {
        return READER.readValue(text);
    }
}

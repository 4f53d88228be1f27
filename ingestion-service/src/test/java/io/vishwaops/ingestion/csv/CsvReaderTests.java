package io.vishwaops.ingestion.csv;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vishwaops.problems.InvalidInput;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class CsvReaderTests {

    @Test
    void readsCommaSeparatedRowsAgainstTheHeader() {
        try (CsvReader csv = open("age,school\n15,GP\n16,MS\n")) {
            assertThat(csv.separator()).isEqualTo(',');
            assertThat(csv.header()).containsExactly("age", "school");
            List<CsvRow> rows = csv.rows().toList();
            assertThat(rows).extracting(CsvRow::values)
                    .containsExactly(Map.of("age", "15", "school", "GP"), Map.of("age", "16", "school", "MS"));
            assertThat(rows).extracting(CsvRow::row).containsExactly(1L, 2L);
            assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L);
            assertThat(rows).noneMatch(CsvRow::ragged);
        }
    }

    @Test
    void detectsSemicolonsAndTabsFromTheHeaderLine() {
        assertThat(open("a;b;c\n1;2,5;3\n").separator()).isEqualTo(';');
        assertThat(open("a\tb\n1\t2\n").separator()).isEqualTo('\t');
        assertThat(only("a;b\n1;2,5\n").values()).containsExactly(entry("a", "1"), entry("b", "2,5"));
    }

    @Test
    void separatorsInsideQuotedHeaderNamesDoNotCount() {
        assertThat(open("\"a,b,c\";d\n1;2\n").separator()).isEqualTo(';');
    }

    @Test
    void aGivenSeparatorWinsOverDetection() {
        CsvReader csv = CsvReader.open(stream("a,b;c\n1,2;3\n"), CsvOptions.defaults().withSeparator(';'));
        assertThat(csv.header()).containsExactly("a,b", "c");
    }

    @Test
    void aHeaderWithoutSeparatorsIsOneColumn() {
        CsvReader csv = open("name\nAda\n");
        assertThat(csv.separator()).isEqualTo(',');
        assertThat(csv.next().values()).containsExactly(entry("name", "Ada"));
    }

    @Test
    void quotedFieldsHoldSeparatorsDoubledQuotesAndLineBreaks() {
        try (CsvReader csv = open("id;note;n\n1;\"a;b\";\"7\"\n2;\"she said \"\"hi\"\"\nthen left\";8\n3;x;9\n")) {
            List<CsvRow> rows = csv.rows().toList();
            assertThat(rows.get(0).values()).containsExactly(entry("id", "1"), entry("note", "a;b"), entry("n", "7"));
            assertThat(rows.get(1).values().get("note")).isEqualTo("she said \"hi\"\nthen left");
            assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L, 5L);
            assertThat(rows).extracting(CsvRow::row).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void crlfInsideQuotesIsKeptAndCountsAsOneLine() {
        List<CsvRow> rows = open("a,b\r\n\"x\r\ny\",1\r\n2,3\r\n").rows().toList();
        assertThat(rows.get(0).values().get("a")).isEqualTo("x\r\ny");
        assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 4L);
    }

    @Test
    void crlfAndBareCrEndLines() {
        assertThat(open("a,b\r\n1,2\r\n3,4").rows().map(CsvRow::values))
                .containsExactly(Map.of("a", "1", "b", "2"), Map.of("a", "3", "b", "4"));
        assertThat(open("a,b\r1,2\r3,4\r").rows().map(CsvRow::line)).containsExactly(2L, 3L);
    }

    @Test
    void aByteOrderMarkIsSkipped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] csv = "age;school\n15;GP\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + csv.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(csv, 0, withBom, bom.length, csv.length);

        CsvReader reader = CsvReader.open(new ByteArrayInputStream(withBom));

        assertThat(reader.separator()).isEqualTo(';');
        assertThat(reader.header()).containsExactly("age", "school");
        assertThat(reader.next().values().get("age")).isEqualTo("15");
    }

    @Test
    void everyDefaultMissingMarkerBecomesNullQuotedOrNot() {
        CsvRow row = only("a,b,c,d,e,f,g,h\n,?,NA,N/A,null,unknown,\"NA\",\"\"\n");
        assertThat(row.values()).hasSize(8).allSatisfy((column, value) -> assertThat(value).as(column).isNull());
        assertThat(row.values()).containsKey("a");
    }

    @Test
    void markersAreCaseSensitiveAndExact() {
        CsvRow row = only("a,b,c,d\nna,Null, NA,UNKNOWN\n");
        assertThat(row.values()).containsExactly(entry("a", "na"), entry("b", "Null"), entry("c", " NA"),
                entry("d", "UNKNOWN"));
    }

    @Test
    void markersCanBeReplaced() {
        CsvOptions options = CsvOptions.fromParameters("auto", "-,missing");
        CsvRow row = CsvReader.open(stream("a,b,c,d\n-,missing,NA,\n"), options).next();
        Map<String, String> expected = new HashMap<>();
        expected.put("a", null);
        expected.put("b", null);
        expected.put("c", "NA");
        expected.put("d", null);
        assertThat(row.values()).isEqualTo(expected);
    }

    @Test
    void raggedRowsComeBackFlaggedWithTheirFieldCount() {
        List<CsvRow> rows = open("a,b,c\n1,2\n1,2,3,4,5\n7,8,9\n").rows().toList();

        assertThat(rows.get(0).ragged()).isTrue();
        assertThat(rows.get(0).fieldCount()).isEqualTo(2);
        assertThat(rows.get(0).values()).containsExactly(entry("a", "1"), entry("b", "2"));
        assertThat(rows.get(1).ragged()).isTrue();
        assertThat(rows.get(1).fieldCount()).isEqualTo(5);
        assertThat(rows.get(1).values()).containsExactly(entry("a", "1"), entry("b", "2"), entry("c", "3"));
        assertThat(rows.get(2).ragged()).isFalse();
        assertThat(rows.get(2).row()).isEqualTo(3);
    }

    @Test
    void blankLinesAreSkippedButCountedAsLines() {
        List<CsvRow> rows = open("a,b\n\n1,2\n\r\n\n3,4\n\n").rows().toList();
        assertThat(rows).extracting(CsvRow::row).containsExactly(1L, 2L);
        assertThat(rows).extracting(CsvRow::line).containsExactly(3L, 6L);
    }

    @Test
    void trailingSeparatorsMakeEmptyFields() {
        CsvRow row = only("a,b,c\n1,,\n");
        assertThat(row.ragged()).isFalse();
        assertThat(row.values()).containsEntry("a", "1").containsEntry("b", null).containsEntry("c", null);
    }

    @Test
    void strayQuotesAreKeptLeniently() {
        assertThat(only("a,b\nab\"c,\"x\"y\n").values()).containsExactly(entry("a", "ab\"c"), entry("b", "xy"));
    }

    @Test
    void blankAndRepeatedHeaderNamesAreRepairedAsKeys() {
        CsvReader csv = open("x,,x, ,x_2\n1,2,3,4,5\n");
        assertThat(csv.header()).containsExactly("x", "", "x", " ", "x_2");
        assertThat(csv.columns()).containsExactly("x", "column_2", "x_2", "column_4", "x_2_2");
        assertThat(csv.next().values()).containsExactly(entry("x", "1"), entry("column_2", "2"), entry("x_2", "3"),
                entry("column_4", "4"), entry("x_2_2", "5"));
    }

    @Test
    void bytesThatAreNotUtf8NameTheRowAndColumn() {
        byte[] csv = concat("name,city\nAda,London\nJos\u00e9,Porto\nRen".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xE9}, "e,Paris\n".getBytes(StandardCharsets.UTF_8));
        CsvReader reader = CsvReader.open(new ByteArrayInputStream(csv));

        assertThat(reader.next().values().get("name")).isEqualTo("Ada");
        assertThat(reader.next().values().get("name")).isEqualTo("Jos\u00e9");
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(CsvFormatException.class, ex -> {
            assertThat(ex.row()).isEqualTo(3);
            assertThat(ex.line()).isEqualTo(4);
            assertThat(ex.column()).isEqualTo("name");
            assertThat(ex.getMessage()).contains("row 3", "column 'name'", "not UTF-8");
            assertThat(ex.errors()).extracting(InvalidInput.Error::pointer).containsExactly("line 4");
        });
        assertThat(reader.hasNext()).isFalse();
    }

    @Test
    void aTruncatedUtf8SequenceAtTheEndIsRefused() {
        byte[] csv = concat("a\nx".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3});
        CsvReader reader = CsvReader.open(new ByteArrayInputStream(csv));
        assertThatThrownBy(reader::next).isInstanceOf(CsvFormatException.class).hasMessageContaining("row 1");
    }

    @Test
    void aFieldOverTheLimitStopsTheReadNamingRowAndColumn() {
        CsvOptions options = CsvOptions.defaults().withMaxFieldChars(10);
        CsvReader reader = CsvReader.open(stream("a,b\n1,2\n3,12345678901\n"), options);
        reader.next();
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(CsvFormatException.class, ex -> {
            assertThat(ex.row()).isEqualTo(2);
            assertThat(ex.line()).isEqualTo(3);
            assertThat(ex.column()).isEqualTo("b");
            assertThat(ex.getMessage()).contains("longer than 10 characters");
        });
    }

    @Test
    void aHugeFieldIsRefusedWithoutReadingItAll() {
        CountingStream endless = new CountingStream("a,b\n1,\"".getBytes(StandardCharsets.UTF_8), (byte) 'x');
        CsvReader reader = CsvReader.open(endless, CsvOptions.defaults());

        assertThatThrownBy(reader::next).isInstanceOfSatisfying(CsvFormatException.class, ex -> {
            assertThat(ex.column()).isEqualTo("b");
            assertThat(ex.getMessage()).contains("longer than 1048576 characters", "closing quote missing");
        });
        assertThat(endless.served).isLessThan(2L << 20);
    }

    @Test
    void anUnclosedQuoteAtTheEndIsAnError() {
        CsvReader reader = open("a,b\n1,2\n3,\"never\nclosed\n");
        reader.next();
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(CsvFormatException.class, ex -> {
            assertThat(ex.row()).isEqualTo(2);
            assertThat(ex.getMessage()).contains("quoted field opened on line 3 is never closed");
        });
    }

    @Test
    void anEmptyInputHasNoHeader() {
        assertThatThrownBy(() -> open("")).isInstanceOf(CsvFormatException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> open("\n\n")).isInstanceOf(CsvFormatException.class);
    }

    @Test
    void aHeaderOnlyHasNoRows() {
        assertThat(open("a,b\n").hasNext()).isFalse();
    }

    @Test
    void rowsLongerThanTheBufferAndFieldsAcrossItsEdgeReadWhole() {
        String big = "y".repeat(100_000);
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 2_000; i++) {
            csv.append(i).append(",\"").append(i % 500 == 0 ? big : "v\"\"" + i).append("\"\n");
        }
        List<CsvRow> rows = open(csv.toString()).rows().toList();
        assertThat(rows).hasSize(2_000);
        assertThat(rows.get(500).values().get("b")).isEqualTo(big);
        assertThat(rows.get(1_999).values()).containsExactly(entry("a", "1999"), entry("b", "v\"1999"));
        assertThat(rows.get(1_999).line()).isEqualTo(2_001);
    }

    @Test
    void separatorParametersAreCheckedByName() {
        assertThat(CsvOptions.fromParameters("semicolon", null).separator()).isEqualTo(';');
        assertThat(CsvOptions.fromParameters("tab", null).separator()).isEqualTo('\t');
        assertThat(CsvOptions.fromParameters("auto", null)).isEqualTo(CsvOptions.defaults());
        assertThat(CsvOptions.fromParameters(null, "?,NA").missing()).containsExactlyInAnyOrder("", "?", "NA");
        assertThatThrownBy(() -> CsvOptions.fromParameters("|", null)).isInstanceOfSatisfying(InvalidInput.class,
                ex -> assertThat(ex.errors()).extracting(InvalidInput.Error::pointer).containsExactly("separator"));
    }

    @Test
    void defaultsAreDocumented() {
        assertThat(CsvOptions.defaults().missing()).isEqualTo(Set.of("", "?", "NA", "N/A", "null", "unknown"));
        assertThat(CsvOptions.defaults().maxFieldChars()).isEqualTo(1 << 20);
    }

    private static CsvReader open(String csv) {
        return CsvReader.open(stream(csv));
    }

    private static CsvRow only(String csv) {
        List<CsvRow> rows = open(csv).rows().toList();
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private static InputStream stream(String csv) {
        return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** A prefix, then the same byte for ever; counts what it served. */
    private static final class CountingStream extends InputStream {

        private final byte[] prefix;
        private final byte filler;
        private long served;

        CountingStream(byte[] prefix, byte filler) {
            this.prefix = prefix;
            this.filler = filler;
        }

        @Override
        public int read() {
            return served < prefix.length ? prefix[(int) served++] : fill();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }

        private int fill() {
            served++;
            return filler;
        }
    }
}

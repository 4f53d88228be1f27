package io.vishwaops.ingestion.inference;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.ingestion.csv.CsvFormatException;
import io.vishwaops.ingestion.csv.CsvOptions;
import io.vishwaops.problems.InvalidInput;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaInferenceTests {

    private final SchemaInference inference = new SchemaInference();

    /** The first 40 students of UCI's student-mat.csv (Cortez and Silva 2008, CC BY 4.0), as the file has them. */
    @Test
    void proposesTheStudentSchemaFromItsFirstRows() throws IOException {
        InferredSchema proposal;
        try (InputStream csv = getClass().getResourceAsStream("/csv/student-mat-head.csv")) {
            proposal = inference.infer(csv, "student-mat", "G3", 100_000, CsvOptions.defaults());
        }

        assertThat(proposal.separator()).isEqualTo(";");
        assertThat(proposal.rowsRead()).isEqualTo(40);
        assertThat(proposal.schema().columns()).hasSize(33).noneMatch(ColumnSpec::nullable);
        Map<String, ColumnSpec> columns = byName(proposal);
        assertThat(columns.get("age")).returns("integer", ColumnSpec::type).returns(15.0, ColumnSpec::min)
                .returns(18.0, ColumnSpec::max);
        assertThat(columns.get("school")).returns("categorical", ColumnSpec::type)
                .returns(List.of("GP"), ColumnSpec::allowedValues);
        assertThat(columns.get("Mjob").allowedValues()).containsExactly("at_home", "health", "other", "services",
                "teacher");
        assertThat(columns.get("G1").type()).as("numbers written as quoted strings").isEqualTo("integer");
        assertThat(columns.get("schoolsup").type()).isEqualTo("boolean");
        assertThat(proposal.schema().target()).isEqualTo("G3");
        assertThat(proposal.schema().task()).isEqualTo("regression");
        assertThat(proposal.schema().expectations()).isEmpty();
        assertThat(proposal.columns()).hasSize(33).first()
                .returns("school", ColumnSummary::name).returns(40L, ColumnSummary::count)
                .returns(0L, ColumnSummary::missing).returns(1, ColumnSummary::distinct);
    }

    @Test
    void integersNumbersAndQuotedNumbers() {
        Map<String, ColumnSpec> columns = byName(infer("""
                i,x,q,neg
                1,2.5,"7",-3
                20,-1e3,"8.5",+4
                3,.5,"9",0
                """));
        assertThat(columns.get("i")).returns("integer", ColumnSpec::type).returns(1.0, ColumnSpec::min)
                .returns(20.0, ColumnSpec::max);
        assertThat(columns.get("x")).returns("numeric", ColumnSpec::type).returns(-1000.0, ColumnSpec::min)
                .returns(2.5, ColumnSpec::max);
        assertThat(columns.get("q")).returns("numeric", ColumnSpec::type).returns(9.0, ColumnSpec::max);
        assertThat(columns.get("neg")).returns("integer", ColumnSpec::type).returns(-3.0, ColumnSpec::min);
    }

    @Test
    void decimalCommasLeadingZerosAndSpecialNumbersAreNotNumbers() {
        Map<String, ColumnSpec> columns = byName(infer("""
                comma;zip;nan
                1,5;01234;NaN
                2,5;02345;Infinity
                1,5;01234;1
                """));
        assertThat(columns.get("comma").type()).isEqualTo("categorical");
        assertThat(columns.get("zip").type()).isEqualTo("categorical");
        assertThat(columns.get("nan").type()).isNotIn("numeric", "integer");
    }

    @Test
    void wordBooleansAreBooleanButZeroAndOneAreIntegers() {
        InferredSchema proposal = infer("""
                yn,tf,mixed,flag
                yes,TRUE,1,0
                no,false,N,1
                Yes,t,y,1
                """);
        Map<String, ColumnSpec> columns = byName(proposal);
        assertThat(columns.get("yn").type()).isEqualTo("boolean");
        assertThat(columns.get("tf").type()).isEqualTo("boolean");
        assertThat(columns.get("mixed").type()).isEqualTo("boolean");
        assertThat(columns.get("flag")).returns("integer", ColumnSpec::type).returns(0.0, ColumnSpec::min)
                .returns(1.0, ColumnSpec::max);
        assertThat(summary(proposal, "flag").note()).contains("only 0 and 1");
    }

    @Test
    void isoDatesAndInstantsAreTimestamps() {
        Map<String, ColumnSpec> columns = byName(infer("""
                day,at,local,notquite
                2024-05-01,2024-05-01T10:00:00Z,2024-05-01T10:00,2024-05-01
                2024-05-02,2024-05-01T10:00:00+02:00,2024-05-01T10:00:30.5,01/05/2024
                """));
        assertThat(columns.get("day").type()).isEqualTo("timestamp");
        assertThat(columns.get("at").type()).isEqualTo("timestamp");
        assertThat(columns.get("local").type()).isEqualTo("timestamp");
        assertThat(columns.get("notquite").type()).isNotEqualTo("timestamp");
    }

    @Test
    void categoricalNeedsFewRepeatedValues() {
        StringBuilder csv = new StringBuilder("few,many,unique,long\n");
        for (int i = 0; i < 100; i++) {
            csv.append("c").append(i % 3).append(",m").append(i % 25).append(",u").append(i).append(",")
                    .append("a long free text answer number ").append(i % 4).append(" of the survey\n");
        }
        Map<String, ColumnSpec> columns = byName(infer(csv.toString()));

        assertThat(columns.get("few")).returns("categorical", ColumnSpec::type)
                .returns(List.of("c0", "c1", "c2"), ColumnSpec::allowedValues);
        assertThat(columns.get("many").type()).as("over 20 distinct").isEqualTo("text");
        assertThat(columns.get("unique").type()).isEqualTo("text");
        assertThat(columns.get("long").type()).as("4 distinct in 100 values is under 5%").isEqualTo("categorical");
        assertThat(columns.get("many").allowedValues()).isEmpty();
    }

    @Test
    void shortValuesThatNeverRepeatAreText() {
        InferredSchema proposal = infer("name,grade\nAda,A\nGrace,B\nAlan,A\n");
        assertThat(byName(proposal).get("name").type()).isEqualTo("text");
        assertThat(byName(proposal).get("grade").type()).isEqualTo("categorical");
        assertThat(summary(proposal, "name").note()).contains("too few repeats");
    }

    @Test
    void anyMissingMarkerMakesAColumnNullable() {
        InferredSchema proposal = infer("""
                a,b,c,d,e,f,g
                1,x,2.5,yes,NA,,full
                ,?,N/A,null,unknown,,full
                3,y,1.5,no,NA,,full
                """);
        Map<String, ColumnSpec> columns = byName(proposal);
        assertThat(columns.get("a")).returns("integer", ColumnSpec::type).returns(true, ColumnSpec::nullable);
        assertThat(columns.get("b").nullable()).isTrue();
        assertThat(columns.get("c")).returns("numeric", ColumnSpec::type).returns(true, ColumnSpec::nullable);
        assertThat(columns.get("d")).returns("boolean", ColumnSpec::type).returns(true, ColumnSpec::nullable);
        assertThat(columns.get("e")).returns("text", ColumnSpec::type).returns(true, ColumnSpec::nullable);
        assertThat(columns.get("g").nullable()).isFalse();
        assertThat(summary(proposal, "e")).returns(0L, ColumnSummary::count).returns(3L, ColumnSummary::missing);
        assertThat(summary(proposal, "e").note()).contains("no value");
        assertThat(summary(proposal, "a")).returns(2L, ColumnSummary::count).returns(1L, ColumnSummary::missing);
    }

    @Test
    void customMarkersReplaceTheDefaults() {
        InferredSchema proposal = inference.infer(stream("n,s\n1,NA\n-,x\n"), "d", null, 100,
                CsvOptions.fromParameters("auto", "-"));
        assertThat(byName(proposal).get("n")).returns("integer", ColumnSpec::type).returns(true, ColumnSpec::nullable);
        assertThat(summary(proposal, "s").examples()).containsExactly("NA", "x");
    }

    @Test
    void raggedRowsAreLeftOutAndCounted() {
        InferredSchema proposal = infer("a,b\n1,2\n3\n4,5,6\n7,8\n");
        assertThat(proposal.rowsRead()).isEqualTo(4);
        assertThat(proposal.raggedRows()).isEqualTo(2);
        assertThat(proposal.notes()).singleElement().asString().contains("2 ragged row(s)", "row 2 (line 3");
        assertThat(summary(proposal, "a").count()).isEqualTo(2);
        assertThat(byName(proposal).get("b").nullable()).isFalse();
    }

    @Test
    void blankAndRepeatedNamesAreRenamedAndReservedOnesLeftOut() {
        InferredSchema proposal = infer("_id,x,,x,_secret\n1,2,3,4,5\n");
        assertThat(proposal.schema().columns()).extracting(ColumnSpec::name).containsExactly("x", "column_3", "x_2");
        assertThat(proposal.columns()).extracting(ColumnSummary::name)
                .containsExactly("_id", "x", "column_3", "x_2", "_secret");
        assertThat(summary(proposal, "_id")).returns(null, ColumnSummary::type);
        assertThat(summary(proposal, "_id").note()).contains("record's own id");
        assertThat(summary(proposal, "_secret").note()).contains("reserved");
        assertThat(summary(proposal, "x_2")).returns("x", ColumnSummary::header);
        assertThat(summary(proposal, "x_2").note()).contains("repeats 'x'");
        assertThat(summary(proposal, "column_3").note()).contains("unnamed");
        assertThat(proposal.notes()).hasSize(2);
    }

    @Test
    void theTaskFollowsTheTargetsType() {
        String csv = "price,passed,grade,label,flag,name\n";
        for (int i = 0; i < 40; i++) {
            csv += (i * 1.5) + "," + (i % 2) + "," + (i % 7) + ",c" + (i % 3) + "," + (i % 2 == 0 ? "yes" : "no")
                    + ",n" + i + "\n";
        }
        assertThat(task(csv, "price")).isEqualTo("regression");
        assertThat(task(csv, "passed")).isEqualTo("binary");
        assertThat(task(csv, "grade")).isEqualTo("regression");
        assertThat(task(csv, "label")).isEqualTo("multiclass");
        assertThat(task(csv, "flag")).isEqualTo("binary");
        assertThat(infer(csv).schema()).returns(null, s -> s.target()).returns(null, s -> s.task());
        String text = csv;
        assertThatThrownBy(() -> task(text, "name")).isInstanceOfSatisfying(InvalidInput.class,
                ex -> assertThat(ex.errors()).singleElement().returns("target", InvalidInput.Error::pointer));
        assertThatThrownBy(() -> task(text, "nope")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("no column named 'nope'");
    }

    @Test
    void readsNoMoreThanTheSampleRows() {
        InferredSchema proposal = inference.infer(stream("n\n1\n2\n3\n400\n"), "d", null, 3, CsvOptions.defaults());
        assertThat(proposal.rowsRead()).isEqualTo(3);
        assertThat(byName(proposal).get("n").max()).isEqualTo(3.0);
    }

    @Test
    void refusesABadNameAndSampleSizeTogether() {
        assertThatThrownBy(() -> inference.infer(stream("a\n1\n"), "Bad Name", null, 0, CsvOptions.defaults()))
                .isInstanceOfSatisfying(InvalidInput.class, ex -> assertThat(ex.errors())
                        .extracting(InvalidInput.Error::pointer).containsExactly("name", "sampleRows"));
        assertThatThrownBy(() -> inference.infer(stream("a\n1\n"), null, null, 10, CsvOptions.defaults()))
                .isInstanceOf(InvalidInput.class).hasMessageStartingWith("name:");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNamingTheRow() {
        byte[] csv = "a,b\n1,x\n2,\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> inference.infer(new ByteArrayInputStream(csv), "d", null, 10, CsvOptions.defaults()))
                .isInstanceOfSatisfying(CsvFormatException.class, ex -> {
                    assertThat(ex.row()).isEqualTo(2);
                    assertThat(ex.column()).isEqualTo("b");
                });
    }

    private InferredSchema infer(String csv) {
        return inference.infer(stream(csv), "sample", null, SchemaInference.DEFAULT_SAMPLE_ROWS, CsvOptions.defaults());
    }

    private String task(String csv, String target) {
        return inference.infer(stream(csv), "sample", target, 1000, CsvOptions.defaults()).schema().task();
    }

    private static Map<String, ColumnSpec> byName(InferredSchema proposal) {
        return proposal.schema().columns().stream().collect(Collectors.toMap(ColumnSpec::name, Function.identity()));
    }

    private static ColumnSummary summary(InferredSchema proposal, String name) {
        return proposal.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static InputStream stream(String csv) {
        return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    }
}

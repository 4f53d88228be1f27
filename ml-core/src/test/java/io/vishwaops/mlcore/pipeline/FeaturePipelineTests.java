package io.vishwaops.mlcore.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FeaturePipelineTests {

    private static final List<InputColumn> SCHEMA = List.of(
            InputColumn.of("age", "integer"),
            InputColumn.of("absences", "numeric"),
            InputColumn.of("school", "categorical"),
            InputColumn.of("higher", "boolean"),
            InputColumn.of("Dalc", "integer"),
            InputColumn.of("Walc", "integer"),
            InputColumn.of("enrolled", "timestamp"));

    private static Map<String, Object> row(Object age, Object absences, Object school, Object higher) {
        Map<String, Object> row = new HashMap<>();
        row.put("age", age);
        row.put("absences", absences);
        row.put("school", school);
        row.put("higher", higher);
        row.put("Dalc", 1);
        row.put("Walc", 2);
        return row;
    }

    private static final List<Map<String, Object>> ROWS = List.of(
            row(15, 0, "GP", true), row(16, 4, "GP", "yes"), row(17, null, "MS", false), row(18, 10.0, "GP", null),
            row("19", 6, null, true));

    @Test
    void imputesScalesAndEncodesWithTheFittedStatistics() {
        PipelineSpec spec = new PipelineSpec(List.of(), List.of("age", "absences", "school", "higher"),
                new ColumnConfig("median", null, null, null, "standard", null, null), null,
                Map.of("age", new ColumnConfig(null, null, null, null, "minmax", null, null)), true);
        FeaturePipeline pipeline = FeaturePipeline.fit(spec, SCHEMA, ROWS);

        assertThat(pipeline.outputNames()).containsExactly("age", "absences", "school=GP", "school=MS", "higher");
        assertThat(pipeline.inputs()).extracting(InputColumn::name).containsExactly("age", "absences", "school", "higher");
        // age: min-max over 15..19; absences: median of 0, 4, 6, 10 is 5, then standardised over 0, 4, 5, 10, 6
        double[] x = pipeline.transform(row(17, null, "MS", false));
        assertThat(x[0]).isEqualTo(0.5);
        double mean = 5.0;
        double sd = Math.sqrt((25 + 1 + 0 + 25 + 1) / 5.0);
        assertThat(x[1]).isCloseTo((5 - mean) / sd, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(x[2]).isEqualTo(0.0);
        assertThat(x[3]).isEqualTo(1.0);
        assertThat(x[4]).isEqualTo(0.0);
        // a missing school becomes the most frequent one, a missing boolean the most frequent value
        double[] y = pipeline.transform(row(15, 0, null, null));
        assertThat(y[2]).isEqualTo(1.0);
        assertThat(y[4]).isEqualTo(1.0);
    }

    @Test
    void unseenCategoriesFollowThePolicy() {
        for (String policy : List.of("ignore", "most_frequent", "error")) {
            PipelineSpec spec = new PipelineSpec(List.of(), List.of("age", "school"), null,
                    new ColumnConfig(null, null, null, null, null, "one_hot", policy), Map.of(), true);
            FeaturePipeline pipeline = FeaturePipeline.fit(spec, SCHEMA, ROWS);
            Map<String, Object> unseen = row(16, 1, "XX", true);
            switch (policy) {
                case "ignore" -> assertThat(pipeline.transform(unseen)).containsExactly(16, 0, 0);
                case "most_frequent" -> assertThat(pipeline.transform(unseen)).containsExactly(16, 1, 0);
                default -> assertThatThrownBy(() -> pipeline.transform(unseen))
                        .isInstanceOfSatisfying(TransformException.class, e -> assertThat(e.column()).isEqualTo("school"))
                        .hasMessageContaining("\"XX\" was not seen in training; known: GP, MS");
            }
        }
    }

    @Test
    void ordinalLogBucketsAndDerivedFeatures() {
        PipelineSpec spec = new PipelineSpec(List.of(new PipelineSpec.Derived("alcohol", "Dalc + Walc"),
                new PipelineSpec.Derived("many", "if(absences > 5, 'many', 'few')")),
                List.of("absences", "age", "school", "alcohol", "many"), null, null,
                Map.of("absences", new ColumnConfig("constant", 0, true, null, null, null, null),
                        "age", new ColumnConfig(null, null, null, List.of(16.0, 18.0), null, null, null),
                        "school", new ColumnConfig(null, null, null, null, null, "ordinal", null)),
                false);
        FeaturePipeline pipeline = FeaturePipeline.fit(spec, SCHEMA, ROWS);
        assertThat(pipeline.outputNames()).containsExactly("absences", "age", "school", "alcohol", "many=few", "many=many");
        assertThat(pipeline.inputs()).extracting(InputColumn::name)
                .containsExactly("age", "absences", "school", "Dalc", "Walc");
        Map<String, Object> r = row(18, Math.E - 1, "MS", true);
        r.put("Dalc", 2);
        r.put("Walc", 3);
        assertThat(pipeline.transform(r)).containsExactly(1.0, 2.0, 1.0, 5.0, 1.0, 0.0);
        // a missing input of a derived feature makes it missing, then it is imputed like any value
        r.put("absences", null);
        assertThat(pipeline.transform(r)[4]).isEqualTo(1.0);
    }

    @Test
    void constantColumnsAreDropped() {
        PipelineSpec spec = PipelineSpec.of(List.of("age", "Dalc"));
        FeaturePipeline pipeline = FeaturePipeline.fit(spec, SCHEMA, ROWS);
        assertThat(pipeline.outputNames()).containsExactly("age");
        assertThat(pipeline.transform(row(20, 0, "GP", true))).containsExactly(20);
    }

    @Test
    void specMistakesNameThePartOfTheSpec() {
        assertThatThrownBy(() -> FeaturePipeline.fit(PipelineSpec.of(List.of("age", "absense")), SCHEMA, ROWS))
                .isInstanceOfSatisfying(PipelineSpecException.class, e -> assertThat(e.field()).isEqualTo("features[1]"))
                .hasMessageContaining("unknown column 'absense'");
        assertThatThrownBy(() -> FeaturePipeline.fit(PipelineSpec.of(List.of("enrolled")), SCHEMA, ROWS))
                .hasMessageContaining("features[0]: 'enrolled' is a timestamp");
        assertThatThrownBy(() -> FeaturePipeline.fit(PipelineSpec.of(List.of("age"))
                .withDerived(List.of(new PipelineSpec.Derived("ratio", "age / school"))), SCHEMA, ROWS))
                .isInstanceOfSatisfying(PipelineSpecException.class,
                        e -> assertThat(e.field()).isEqualTo("derived[0].expression"))
                .hasMessageContaining("position 7");
        assertThatThrownBy(() -> FeaturePipeline.fit(new PipelineSpec(List.of(), List.of("school"), null, null,
                Map.of("school", new ColumnConfig(null, null, null, null, "standard", null, null)), true), SCHEMA, ROWS))
                .hasMessageContaining("columns.school: 'school' is not numeric");
        assertThatThrownBy(() -> FeaturePipeline.fit(new PipelineSpec(List.of(), List.of("age"), null, null,
                Map.of("age", new ColumnConfig("avg", null, null, null, null, null, null)), true), SCHEMA, ROWS))
                .isInstanceOfSatisfying(PipelineSpecException.class, e -> assertThat(e.field()).isEqualTo("columns.age.impute"));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsColumn() {
        FeaturePipeline pipeline = FeaturePipeline.fit(PipelineSpec.of(List.of("age", "higher")), SCHEMA, ROWS);
        assertThatThrownBy(() -> pipeline.transform(row("old", 1, "GP", true)))
                .isInstanceOfSatisfying(TransformException.class, e -> assertThat(e.column()).isEqualTo("age"))
                .hasMessage("age: expected a number, got \"old\"");
        List<Map<String, Object>> rows = new ArrayList<>(ROWS);
        rows.add(row(16, 1, "GP", "maybe"));
        assertThatThrownBy(() -> pipeline.transform(rows)).hasMessage("higher: row 5: expected true or false, got \"maybe\"");
        PipelineSpec strict = new PipelineSpec(List.of(), List.of("age", "absences"), new ColumnConfig("none", null,
                null, null, null, null, null), null, Map.of(), true);
        List<Map<String, Object>> complete = ROWS.stream().filter(r -> r.get("absences") != null).toList();
        FeaturePipeline refusing = FeaturePipeline.fit(strict, SCHEMA, complete);
        assertThatThrownBy(() -> refusing.transform(row(16, null, "GP", true)))
                .hasMessage("absences: is missing, and the pipeline imputes nothing for it");
    }
}

package io.vishwaops.training.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vishwaops.mlcore.expression.ValueType;
import io.vishwaops.mlcore.train.Task;
import io.vishwaops.training.pipeline.PipelineDefinition;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelsTests {

    private static final Map<String, ValueType> TYPES = Map.of("G3", ValueType.NUMBER, "grade", ValueType.TEXT,
            "age", ValueType.NUMBER);

    private static PipelineDefinition spec(String column, String expression, List<String> classes, String task) {
        return new PipelineDefinition("p", null, "d", new PipelineDefinition.Target(column, expression, classes, null),
                task, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static Map<String, Object> row(Object g3, Object grade) {
        Map<String, Object> row = new HashMap<>();
        row.put("G3", g3);
        row.put("grade", grade);
        row.put("age", 17);
        return row;
    }

    @Test
    void aTrueFalseExpressionMakesTheTwoNamedClassesFalseFirst() {
        Labels labels = Labels.of(spec("G3", "G3 >= 10", List.of("fail", "pass"), "binary"), Task.BINARY, TYPES,
                List.of(row(12, "B"), row(4, "E"), row(10, "C")));

        assertThat(labels.classNames()).containsExactly("fail", "pass");
        assertThat(labels.classes()).containsExactly(1, 0, 1);
    }

    @Test
    void rowsWithoutALabelAreLeftOutAndCounted() {
        Labels labels = Labels.of(spec("grade", null, null, "multiclass"), Task.MULTICLASS, TYPES,
                List.of(row(12, "B"), row(4, null), row(10, "C"), row(3, "E"), row(2, "")));

        assertThat(labels.unlabelled()).isEqualTo(2);
        assertThat(labels.rows()).hasSize(3);
        assertThat(labels.classNames()).containsExactly("B", "C", "E");
    }

    @Test
    void aLabelThatDoesNotFitTheTaskFailsTheJobWithWhy() {
        assertThatThrownBy(() -> Labels.of(spec("grade", null, null, "binary"), Task.BINARY, TYPES,
                List.of(row(1, "A"), row(2, "B"), row(3, "C"))))
                .hasMessageContaining("binary but the label has 3 classes");
        assertThatThrownBy(() -> Labels.of(spec("G3", "G3 >= 0", null, "binary"), Task.BINARY, TYPES,
                List.of(row(1, "A"), row(2, "B"))))
                .hasMessageContaining("every labelled row is of one class ('true')");
    }

    @Test
    void regressionLabelsAreTheNumbers() {
        Labels labels = Labels.of(spec("G3", null, null, "regression"), Task.REGRESSION, TYPES,
                List.of(row(12, "B"), row(4.5, "E")));

        assertThat(labels.targets()).containsExactly(12.0, 4.5);
        assertThat(labels.isClassification()).isFalse();
    }

    @Test
    void numericClassNamesHaveNoNeedlessDecimals() {
        assertThat(Labels.className(1.0)).isEqualTo("1");
        assertThat(Labels.className(2.5)).isEqualTo("2.5");
        assertThat(Labels.className(3)).isEqualTo("3");
    }
}

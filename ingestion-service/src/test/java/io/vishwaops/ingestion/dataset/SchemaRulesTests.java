package io.vishwaops.ingestion.dataset;

import java.util.List;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.contracts.datasets.Expectation;
import io.vishwaops.problems.InvalidInput;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaRulesTests {

    static ColumnSpec column(String name, String type, boolean nullable) {
        return new ColumnSpec(name, type, nullable, List.of(), null, null, null, null);
    }

    static DatasetSchema students(List<ColumnSpec> columns) {
        return new DatasetSchema("student-mat", null, columns, "student_id", null, "G3", "regression", List.of());
    }

    static final List<ColumnSpec> COLUMNS = List.of(column("student_id", "text", false),
            new ColumnSpec("age", "integer", false, List.of(), 15.0, 22.0, null, null),
            new ColumnSpec("school", "categorical", false, List.of("GP", "MS"), null, null, null, null),
            column("G3", "integer", false));

    @Test
    void aWellFormedSchemaHasNoProblems() {
        assertThat(SchemaRules.problems(students(COLUMNS))).isEmpty();
    }

    @Test
    void everyProblemNamesItsField() {
        var schema = new DatasetSchema("Student Mat", null,
                List.of(column("age", "int", false), column("age", "integer", true),
                        new ColumnSpec("school", "text", false, List.of("GP"), 1.0, 0.0, "[", null)),
                "id", null, "school", "regression",
                List.of(new Expectation("missing-share", "age", null, 1.5, null, null),
                        new Expectation("mean-between", "school", 1.0, 2.0, null, null),
                        new Expectation("median", null, null, null, null, null)));

        assertThat(SchemaRules.problems(schema)).extracting(InvalidInput.Error::pointer).containsExactlyInAnyOrder(
                "name", "columns[0].type", "columns[1].name", "columns[2]", "columns[2].min",
                "columns[2].allowedValues", "columns[2].pattern", "entityKey", "task",
                "expectations[0].max", "expectations[1].column", "expectations[2].rule");
    }

    @Test
    void classificationNeedsALabelLikeTarget() {
        var schema = new DatasetSchema("wine", null, List.of(column("alcohol", "numeric", false)), null, null,
                "alcohol", "multiclass", List.of());

        assertThat(SchemaRules.problems(schema)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("categorical, boolean or integer target"));
    }

    @Test
    void addingAnOptionalColumnOrWideningARangeIsCompatible() {
        var wider = List.of(column("student_id", "text", false),
                new ColumnSpec("age", "integer", false, List.of(), 14.0, 23.0, null, null),
                new ColumnSpec("school", "categorical", false, List.of("GP", "MS", "XX"), null, null, null, null),
                column("G3", "integer", false), column("romantic", "boolean", true));

        assertThat(SchemaRules.incompatibleChanges(students(COLUMNS), students(wider))).isEmpty();
    }

    @Test
    void typeChangesRemovedRequiredColumnsAndNarrowingAreIncompatible() {
        var narrower = List.of(column("student_id", "text", false),
                new ColumnSpec("age", "numeric", false, List.of(), 16.0, 22.0, null, null),
                new ColumnSpec("school", "categorical", false, List.of("GP"), null, null, null, null),
                column("absences", "integer", false));

        assertThat(SchemaRules.incompatibleChanges(students(COLUMNS), students(narrower))).containsExactly(
                "column 'age' changed type from integer to numeric", "column 'age' minimum raised to 16.0",
                "column 'school' allows fewer values", "new column 'absences' is required",
                "required column 'G3' was removed");
    }
}

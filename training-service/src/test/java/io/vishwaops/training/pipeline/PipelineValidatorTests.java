package io.vishwaops.training.pipeline;

import java.util.List;
import java.util.Map;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.mlcore.pipeline.PipelineSpec;
import io.vishwaops.problems.InvalidInput;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PipelineValidatorTests {

    private static final DatasetSchema WINE = new DatasetSchema("wine", null, List.of(
            column("alcohol", "numeric"), column("acidity", "numeric"), column("colour", "categorical"),
            column("quality", "integer")), null, null, "quality", "regression", List.of());

    private static ColumnSpec column(String name, String type) {
        return new ColumnSpec(name, type, true, List.of(), null, null, null, null);
    }

    private static PipelineDefinition spec(String task, PipelineDefinition.Target target,
            PipelineDefinition.Features features, List<PipelineDefinition.Gate> gates) {
        return new PipelineDefinition("wine-quality", null, "wine", target, task, features,
                List.of(new PipelineDefinition.Candidate("random_forest", Map.of("trees", List.of(50, 100)))),
                null, null, null, null, null, gates, null, null, null);
    }

    private static PipelineDefinition.Features columns(String... names) {
        return new PipelineDefinition.Features(List.of(names), null, null, null, null, null);
    }

    private static List<String> pointers(PipelineDefinition spec) {
        InvalidInput refused = catchThrowableOfType(InvalidInput.class, () -> PipelineValidator.check(spec, WINE));
        return refused == null ? List.of() : refused.errors().stream().map(InvalidInput.Error::pointer).toList();
    }

    @Test
    void aSoundRegressionSpecPasses() {
        PipelineValidator.check(spec("regression", new PipelineDefinition.Target("quality", null, null, null),
                columns("alcohol", "acidity", "colour"), List.of(new PipelineDefinition.Gate("mae", null, 0.5, null))),
                WINE);
    }

    @Test
    void aFeatureOrDerivedExpressionThatReadsTheLabelIsRefused() {
        var features = new PipelineDefinition.Features(List.of("alcohol", "leak"),
                List.of(new PipelineSpec.Derived("leak", "quality * 2")), null, null, null, null);
        assertThat(pointers(spec("regression", new PipelineDefinition.Target("quality", null, null, null), features,
                List.of()))).containsExactly("features.derived[0].expression");
        assertThat(pointers(spec("binary", new PipelineDefinition.Target("quality", "quality >= 6", null, null),
                columns("alcohol", "quality"), List.of()))).containsExactly("features.columns[1]");
    }

    @Test
    void aGateMustBoundItsMetricInTheDirectionThatIsBetter() {
        assertThat(pointers(spec("regression", new PipelineDefinition.Target("quality", null, null, null),
                columns("alcohol"), List.of(new PipelineDefinition.Gate("rmse", 0.5, null, null),
                        new PipelineDefinition.Gate("r2", 0.3, 0.9, null)))))
                .containsExactly("gates[0].min", "gates[1]");
    }

    @Test
    void aRegressionLabelMustBeANumberAndClassNamesNeedATrueFalseLabel() {
        assertThat(pointers(spec("regression", new PipelineDefinition.Target("colour", null, null, null),
                columns("alcohol"), List.of()))).containsExactly("target.column");
        assertThat(pointers(spec("multiclass", new PipelineDefinition.Target("colour", null, List.of("a", "b"), null),
                columns("alcohol"), List.of()))).containsExactly("target.classes");
    }

    @Test
    void perColumnSettingsAreCheckedByName() {
        var features = new PipelineDefinition.Features(List.of("alcohol", "colour"), null, null, null,
                Map.of("alcohol", new io.vishwaops.mlcore.pipeline.ColumnConfig("avg", null, null, null, "zscore",
                        null, null), "acidity", io.vishwaops.mlcore.pipeline.ColumnConfig.NONE), null);
        assertThat(pointers(spec("regression", new PipelineDefinition.Target("quality", null, null, null), features,
                List.of()))).containsExactlyInAnyOrder("features.perColumn.alcohol.impute",
                "features.perColumn.alcohol.scale", "features.perColumn.acidity");
    }

    @Test
    void anAlgorithmThatDoesNotDoTheTaskIsRefused() {
        var spec = new PipelineDefinition("wine-quality", null, "wine",
                new PipelineDefinition.Target("quality", null, null, null), "regression", columns("alcohol"),
                List.of(new PipelineDefinition.Candidate("logistic_regression", null)), null, null, null, null, null,
                null, null, null, null);
        assertThatThrownBy(() -> PipelineValidator.check(spec, WINE)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("candidates[0].algorithm: logistic_regression does not do regression");
    }
}

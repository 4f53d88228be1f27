package io.vishwaops.mlcore.pipeline;

import java.util.List;
import java.util.Map;

/**
 * The declarative part of a training pipeline that turns raw rows into model features, as written in a pipeline spec
 * (JSON or YAML): which columns and derived expressions feed the model and how each is prepared.
 *
 * @param derived expressions computed from the raw columns first, by name ({@code grade_trend = G2 - G1})
 * @param features the raw columns and derived names the model sees, in this order
 * @param numeric defaults for numeric (and integer) features
 * @param categorical defaults for categorical, text and boolean features
 * @param columns per-feature settings over the defaults
 * @param dropConstant whether output columns that are constant over the training rows are dropped (default true)
 */
public record PipelineSpec(List<Derived> derived, List<String> features, ColumnConfig numeric,
        ColumnConfig categorical, Map<String, ColumnConfig> columns, Boolean dropConstant) {

    public PipelineSpec {
        derived = derived == null ? List.of() : List.copyOf(derived);
        features = features == null ? List.of() : List.copyOf(features);
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }

    /** Every named feature with the built-in defaults. */
    public static PipelineSpec of(List<String> features) {
        return new PipelineSpec(List.of(), features, null, null, Map.of(), true);
    }

    public PipelineSpec withDerived(List<Derived> more) {
        return new PipelineSpec(more, features, numeric, categorical, columns, dropConstant);
    }

    /** A derived feature: a name and an expression over the raw columns (ml-core's expression language). */
    public record Derived(String name, String expression) {
    }
}

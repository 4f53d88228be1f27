package io.vishwaops.training.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.mlcore.expression.Expression;
import io.vishwaops.mlcore.expression.ExpressionException;
import io.vishwaops.mlcore.expression.Suggestions;
import io.vishwaops.mlcore.expression.ValueType;
import io.vishwaops.mlcore.pipeline.ColumnConfig;
import io.vishwaops.mlcore.pipeline.PipelineSpec;
import io.vishwaops.mlcore.train.Algorithm;
import io.vishwaops.mlcore.train.InvalidHyperParameterException;
import io.vishwaops.mlcore.train.Task;
import io.vishwaops.mlcore.train.Trainers;
import io.vishwaops.problems.InvalidInput;

import org.springframework.scheduling.support.CronExpression;

/**
 * Checks a pipeline against the dataset it names, before anything is stored or trained: every mistake is reported
 * with the place in the spec it is at ({@code features.columns[3]}, {@code candidates[0].parameters.max_depth}).
 */
final class PipelineValidator {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final List<InvalidInput.Error> errors = new ArrayList<>();

    private PipelineValidator() {
    }

    /**
     * @param schema the dataset's current schema, or {@code null} when the dataset is unknown
     * @throws InvalidInput listing every mistake
     */
    static void check(PipelineDefinition spec, DatasetSchema schema) {
        PipelineValidator v = new PipelineValidator();
        v.validate(spec, schema);
        if (!v.errors.isEmpty()) {
            throw new InvalidInput(v.errors);
        }
    }

    private void validate(PipelineDefinition spec, DatasetSchema schema) {
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            error("name", "must be 1-64 lowercase letters, digits, '_' or '-', starting with a letter or digit");
        }
        if (spec.dataset() == null || spec.dataset().isBlank()) {
            error("dataset", "is required");
        }
        else if (schema == null) {
            error("dataset", "no dataset '" + spec.dataset() + "' is defined");
        }
        Task task = task(spec.task());
        if (spec.task() == null) {
            error("task", "is required: binary, multiclass or regression");
        }
        else if (task == null) {
            error("task", "must be binary, multiclass or regression, was '" + spec.task() + "'");
        }
        Map<String, ColumnSpec> columns = new LinkedHashMap<>();
        if (schema != null) {
            schema.columns().forEach(c -> columns.put(c.name(), c));
        }
        Map<String, ValueType> types = new LinkedHashMap<>();
        columns.forEach((name, c) -> types.put(name, ValueType.ofColumnType(c.type())));

        Set<String> labelColumns = target(spec.target(), task, columns, types, schema != null);
        features(spec.features(), columns, types, labelColumns, schema != null);
        candidates(spec.candidates(), task);
        search(spec.search());
        if (spec.testShare() != null && !(spec.testShare() > 0 && spec.testShare() <= 0.9)) {
            error("testShare", "must be above 0 and at most 0.9, was " + spec.testShare());
        }
        if (spec.cvFolds() != null && (spec.cvFolds() < 2 || spec.cvFolds() > 20)) {
            error("cvFolds", "must be between 2 and 20, was " + spec.cvFolds());
        }
        if (task != null) {
            List<String> metrics = MetricNames.forTask(task);
            if (spec.primaryMetric() != null && !metrics.contains(spec.primaryMetric())) {
                error("primaryMetric", "'" + spec.primaryMetric() + "' does not fit a " + spec.task() + " task; use one of "
                        + String.join(", ", metrics));
            }
            gates(spec.gates(), metrics, spec.task());
        }
        if (spec.approval() != null && !List.of("auto", "manual").contains(spec.approval())) {
            error("approval", "must be auto or manual, was '" + spec.approval() + "'");
        }
        if (spec.schedule() != null && !spec.schedule().isBlank()) {
            try {
                CronExpression.parse(spec.schedule());
            }
            catch (IllegalArgumentException ex) {
                error("schedule", "is not a cron expression (six fields: second minute hour day month weekday, "
                        + "e.g. '0 0 3 * * *'): " + ex.getMessage());
            }
        }
    }

    /** Checks the target; returns the columns the label is made from (none may be a feature). */
    private Set<String> target(PipelineDefinition.Target target, Task task, Map<String, ColumnSpec> columns,
            Map<String, ValueType> types, boolean known) {
        Set<String> reads = new HashSet<>();
        if (target == null || target.column() == null || target.column().isBlank()) {
            error("target.column", "is required: the column the label comes from");
            return reads;
        }
        reads.add(target.column());
        if (known && !columns.containsKey(target.column())) {
            error("target.column", unknownColumn(target.column(), columns.keySet()));
            return reads;
        }
        ValueType labelType = known ? types.get(target.column()) : null;
        if (target.expression() != null && !target.expression().isBlank() && known) {
            try {
                Expression expression = Expression.compile(target.expression(), types);
                reads.addAll(expression.columns());
                labelType = expression.type();
            }
            catch (ExpressionException ex) {
                error("target.expression", ex.getMessage());
                return reads;
            }
        }
        if (target.classes() != null) {
            if (labelType != ValueType.BOOLEAN) {
                error("target.classes", "names the classes of a true/false label; this label is " + word(labelType));
            }
            else if (target.classes().size() != 2 || target.classes().stream().anyMatch(c -> c == null || c.isBlank())
                    || target.classes().get(0).equals(target.classes().get(1))) {
                error("target.classes", "must be two distinct names: the class of false, then of true");
            }
        }
        if (task != null && labelType != null) {
            if (task == Task.REGRESSION && labelType != ValueType.NUMBER) {
                error(target.expression() != null ? "target.expression" : "target.column",
                        "a regression label must be a number; this one is " + word(labelType));
            }
            if (task.isClassification() && labelType == ValueType.TIMESTAMP) {
                error("target.column", "a timestamp cannot be a class label");
            }
            if (task == Task.BINARY && labelType == ValueType.BOOLEAN || task == Task.REGRESSION) {
                return reads;
            }
            ColumnSpec column = columns.get(target.column());
            if (task == Task.BINARY && target.expression() == null && column != null
                    && column.allowedValues() != null && column.allowedValues().size() > 2) {
                error("task", "binary, but '" + column.name() + "' allows " + column.allowedValues().size()
                        + " values: use multiclass, or a target expression that makes two classes");
            }
        }
        return reads;
    }

    private void features(PipelineDefinition.Features features, Map<String, ColumnSpec> columns,
            Map<String, ValueType> types, Set<String> labelColumns, boolean known) {
        if (features == null || features.columns() == null || features.columns().isEmpty()) {
            error("features.columns", "name at least one column or derived feature the model learns from");
            return;
        }
        Set<String> derivedNames = new HashSet<>();
        List<PipelineSpec.Derived> derived = features.derived() == null ? List.of() : features.derived();
        for (int i = 0; i < derived.size(); i++) {
            PipelineSpec.Derived d = derived.get(i);
            String at = "features.derived[" + i + "]";
            if (d == null || d.name() == null || d.name().isBlank()) {
                error(at + ".name", "a derived feature needs a name");
                continue;
            }
            if (columns.containsKey(d.name()) || !derivedNames.add(d.name())) {
                error(at + ".name", "'" + d.name() + "' is already a column or derived feature");
            }
            if (known) {
                try {
                    Expression expression = Expression.compile(d.expression() == null ? "" : d.expression(), types);
                    for (String read : expression.columns()) {
                        if (labelColumns.contains(read)) {
                            error(at + ".expression", "reads '" + read + "', which the label is made from: the model "
                                    + "would see the answer");
                        }
                    }
                }
                catch (ExpressionException ex) {
                    error(at + ".expression", ex.getMessage());
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < features.columns().size(); i++) {
            String name = features.columns().get(i);
            String at = "features.columns[" + i + "]";
            if (name == null || name.isBlank()) {
                error(at, "is empty");
                continue;
            }
            if (!seen.add(name)) {
                error(at, "'" + name + "' is named twice");
            }
            if (labelColumns.contains(name)) {
                error(at, "'" + name + "' is what the label is made from: the model would see the answer");
            }
            else if (known && !columns.containsKey(name) && !derivedNames.contains(name)) {
                Set<String> all = new java.util.LinkedHashSet<>(columns.keySet());
                all.addAll(derivedNames);
                error(at, unknownColumn(name, all));
            }
        }
        config("features.numeric", features.numeric(), true);
        config("features.categorical", features.categorical(), false);
        if (features.perColumn() != null) {
            features.perColumn().forEach((name, config) -> {
                if (!seen.contains(name)) {
                    error("features.perColumn." + name, "'" + name + "' is not one of features.columns");
                }
                else {
                    ColumnSpec column = columns.get(name);
                    boolean numeric = column == null || List.of("numeric", "integer").contains(column.type());
                    config("features.perColumn." + name, config, numeric);
                }
            });
        }
    }

    private void config(String at, ColumnConfig config, boolean numeric) {
        if (config == null) {
            return;
        }
        oneOf(at + ".impute", config.impute(), numeric ? List.of("mean", "median", "most_frequent", "constant", "none")
                : List.of("most_frequent", "constant", "none"));
        oneOf(at + ".scale", config.scale(), List.of("none", "standard", "minmax"));
        oneOf(at + ".encode", config.encode(), List.of("one_hot", "ordinal"));
        oneOf(at + ".unseen", config.unseen(), List.of("ignore", "most_frequent", "error"));
        if ("constant".equals(config.impute()) && config.fill() == null) {
            error(at + ".fill", "constant imputation needs a fill value");
        }
    }

    private void oneOf(String at, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value.trim().toLowerCase(Locale.ROOT))) {
            error(at, "must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
        }
    }

    private void candidates(List<PipelineDefinition.Candidate> candidates, Task task) {
        if (candidates.isEmpty()) {
            error("candidates", "name at least one algorithm to try");
            return;
        }
        for (int i = 0; i < candidates.size(); i++) {
            PipelineDefinition.Candidate candidate = candidates.get(i);
            String at = "candidates[" + i + "]";
            Algorithm algorithm;
            try {
                algorithm = Algorithm.of(candidate == null ? null : candidate.algorithm());
            }
            catch (IllegalArgumentException ex) {
                error(at + ".algorithm", ex.getMessage());
                continue;
            }
            if (task != null && !algorithm.supports(task)) {
                error(at + ".algorithm", algorithm.id() + " does not do " + task.name().toLowerCase(Locale.ROOT));
                continue;
            }
            Map<String, Object> parameters = candidate.parameters() == null ? Map.of() : candidate.parameters();
            for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
                String p = at + ".parameters." + parameter.getKey();
                List<?> values = PipelineDefinition.Candidate.values(parameter.getValue());
                if (values.isEmpty()) {
                    error(p, "the search space is empty: give at least one value");
                    continue;
                }
                if (task == null) {
                    continue;
                }
                for (Object value : values) {
                    try {
                        Trainers.create(algorithm, task, Map.of(parameter.getKey(), value));
                    }
                    catch (InvalidHyperParameterException ex) {
                        error(p, ex.getMessage());
                        break;
                    }
                }
            }
        }
    }

    private void search(PipelineDefinition.Search search) {
        if (search == null) {
            return;
        }
        if (search.strategy() != null && !List.of("grid", "random").contains(search.strategy())) {
            error("search.strategy", "must be grid or random, was '" + search.strategy() + "'");
        }
        if (search.maxTrials() != null && search.maxTrials() < 1) {
            error("search.maxTrials", "must be at least 1, was " + search.maxTrials());
        }
        if ("random".equals(search.strategy()) && search.maxTrials() == null) {
            error("search.maxTrials", "random search needs the number of configurations to sample per candidate");
        }
    }

    private void gates(List<PipelineDefinition.Gate> gates, List<String> metrics, String task) {
        for (int i = 0; i < gates.size(); i++) {
            PipelineDefinition.Gate gate = gates.get(i);
            String at = "gates[" + i + "]";
            if (gate == null || gate.metric() == null) {
                error(at + ".metric", "is required");
                continue;
            }
            if (!metrics.contains(gate.metric())) {
                error(at + ".metric", "'" + gate.metric() + "' does not fit a " + task + " task; use one of "
                        + String.join(", ", metrics));
                continue;
            }
            int bounds = (gate.min() != null ? 1 : 0) + (gate.max() != null ? 1 : 0)
                    + (gate.beatChampionBy() != null ? 1 : 0);
            if (bounds != 1) {
                error(at, "give exactly one of min, max or beatChampionBy");
                continue;
            }
            boolean higher = MetricNames.higherIsBetter(gate.metric());
            if (gate.min() != null && !higher) {
                error(at + ".min", gate.metric() + " is better when lower: bound it with max");
            }
            if (gate.max() != null && higher) {
                error(at + ".max", gate.metric() + " is better when higher: bound it with min");
            }
            if (gate.beatChampionBy() != null && gate.beatChampionBy() < 0) {
                error(at + ".beatChampionBy", "must be 0 or more (in " + gate.metric() + "'s own units), was "
                        + gate.beatChampionBy());
            }
        }
    }

    static Task task(String task) {
        if (task == null) {
            return null;
        }
        return switch (task) {
            case "binary" -> Task.BINARY;
            case "multiclass" -> Task.MULTICLASS;
            case "regression" -> Task.REGRESSION;
            default -> null;
        };
    }

    private static String word(ValueType type) {
        return type == null ? "unknown" : type.word();
    }

    private static String unknownColumn(String name, Set<String> known) {
        return "unknown column '" + name + "'" + Suggestions.closest(name, known)
                .map(closest -> ": did you mean '" + closest + "'?")
                .orElse("; the dataset has " + String.join(", ", known));
    }

    private void error(String pointer, String message) {
        errors.add(new InvalidInput.Error(pointer, message));
    }
}

package io.vishwaops.training.pipeline;

import java.util.List;
import java.util.Map;

import io.vishwaops.mlcore.pipeline.ColumnConfig;
import io.vishwaops.mlcore.pipeline.PipelineSpec;

/**
 * A training pipeline as its author writes it (JSON or YAML): what to learn from which dataset, which candidates to
 * try, how to judge them and when a new version may replace the champion.
 *
 * @param name the pipeline, also the registered model's and the experiment's name
 * @param dataset the dataset whose snapshots it trains on
 * @param target what to predict
 * @param task {@code binary}, {@code multiclass} or {@code regression}
 * @param features the model's inputs and how each is prepared
 * @param candidates the algorithms to try, each with its hyper-parameter search space
 * @param search grid or random search
 * @param testShare the share of rows held out for the final evaluation and the gate (default 0.2)
 * @param cvFolds cross-validation folds over the training part (default 5)
 * @param seed seeds the split, the search and every fit (default 42)
 * @param primaryMetric what model selection ranks by (default {@code f1_macro}, or {@code rmse} for regression)
 * @param gates what a new version must meet to be promoted
 * @param approval {@code auto}: a passing version becomes champion; {@code manual}: its move is an approval request
 * @param schedule a Spring cron expression (six fields, seconds first), or {@code null} for none
 * @param retrainOnSnapshot whether every new snapshot of the dataset starts a job
 */
public record PipelineDefinition(String name, String description, String dataset, Target target, String task,
        Features features, List<Candidate> candidates, Search search, Double testShare, Integer cvFolds, Long seed,
        String primaryMetric, List<Gate> gates, String approval, String schedule, Boolean retrainOnSnapshot) {

    public PipelineDefinition {
        candidates = candidates == null ? List.of() : candidates;
        gates = gates == null ? List.of() : gates;
    }

    /**
     * @param column the dataset column the label comes from
     * @param expression an expression over the row (ml-core's expression language) that makes the label, e.g.
     *        {@code G3 >= 10}; {@code null}: the column's value is the label
     * @param classes for a true/false expression the names of false and true, in that order (default
     *        {@code ["false", "true"]})
     * @param name what the model's output is called (default: the column, or {@code label} with an expression)
     */
    public record Target(String column, String expression, List<String> classes, String name) {

        public String outputName() {
            if (name != null && !name.isBlank()) {
                return name;
            }
            return expression == null || expression.isBlank() ? column : "label";
        }
    }

    /**
     * The model's inputs: ml-core's {@link PipelineSpec} under the names a pipeline author reads.
     *
     * @param columns raw columns and derived names, in order
     * @param derived expressions computed from the raw columns
     * @param numeric defaults for numeric features
     * @param categorical defaults for categorical, text and boolean features
     * @param perColumn settings for one feature over the defaults
     * @param dropConstant whether constant output columns are dropped (default true)
     */
    public record Features(List<String> columns, List<PipelineSpec.Derived> derived, ColumnConfig numeric,
            ColumnConfig categorical, Map<String, ColumnConfig> perColumn, Boolean dropConstant) {

        public PipelineSpec toSpec() {
            return new PipelineSpec(derived, columns, numeric, categorical, perColumn, dropConstant);
        }
    }

    /**
     * @param algorithm an ml-core algorithm id ({@code random_forest}, {@code xgboost} …)
     * @param parameters hyper-parameter name to the values to try (a list), or one fixed value
     */
    public record Candidate(String algorithm, Map<String, Object> parameters) {

        /** The search space as model selection takes it: each parameter's values as a list. */
        public Map<String, List<Object>> grid() {
            Map<String, List<Object>> grid = new java.util.LinkedHashMap<>();
            if (parameters != null) {
                parameters.forEach((name, given) -> grid.put(name, new java.util.ArrayList<>(values(given))));
            }
            return grid;
        }

        /** The values a spec gives for one parameter: a list as it is, anything else as a list of one. */
        public static List<?> values(Object given) {
            return given instanceof List<?> list ? list : java.util.Collections.singletonList(given);
        }
    }

    /**
     * @param strategy {@code grid} (every combination) or {@code random} (a seeded sample of {@code maxTrials})
     * @param maxTrials at most this many configurations per candidate with {@code random}
     */
    public record Search(String strategy, Integer maxTrials) {
    }

    /**
     * One promotion condition on a test-set metric: an absolute bound ({@code min} for metrics where higher is better,
     * {@code max} where lower is), or a margin over the champion on the same test rows ({@code beatChampionBy}, in
     * the metric's own units and direction).
     */
    public record Gate(String metric, Double min, Double max, Double beatChampionBy) {
    }

    public double testShareOrDefault() {
        return testShare == null ? 0.2 : testShare;
    }

    public int cvFoldsOrDefault() {
        return cvFolds == null ? 5 : cvFolds;
    }

    public long seedOrDefault() {
        return seed == null ? 42L : seed;
    }

    public String strategyOrDefault() {
        return search == null || search.strategy() == null ? "grid" : search.strategy();
    }

    public String approvalOrDefault() {
        return approval == null ? "auto" : approval;
    }

    public io.vishwaops.mlcore.train.Task taskValue() {
        return PipelineValidator.task(task);
    }

    public String primaryMetricOrDefault() {
        return primaryMetric != null ? primaryMetric : MetricNames.defaultPrimary(taskValue());
    }

    public boolean retrainsOnSnapshot() {
        return Boolean.TRUE.equals(retrainOnSnapshot);
    }
}

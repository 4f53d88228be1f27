package io.vishwaops.mlcore.pipeline;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.vishwaops.mlcore.expression.Expression;
import io.vishwaops.mlcore.expression.ExpressionException;
import io.vishwaops.mlcore.expression.Suggestions;
import io.vishwaops.mlcore.expression.ValueType;

/**
 * Raw rows in, a numeric feature matrix out: derived expressions, then per feature imputation, log, bucketising,
 * scaling and categorical encoding, fitted once on the training rows ({@link #fit}) and applied unchanged afterwards
 * ({@link #transform}). Serializable inside the model bundle, so serving applies exactly what training fitted. Safe
 * to share between threads once fitted.
 */
public final class FeaturePipeline implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final List<InputColumn> inputs;
    private final List<DerivedFeature> derived;
    private final List<ColumnTransform> transforms;
    private final int[] kept;
    private final List<String> outputNames;
    /** Output columns before constant ones are dropped; derived, so a bundle's form does not change with it. */
    private transient int allWidth;

    private FeaturePipeline(List<InputColumn> inputs, List<DerivedFeature> derived, List<ColumnTransform> transforms,
            int[] kept, List<String> outputNames) {
        this.inputs = List.copyOf(inputs);
        this.derived = List.copyOf(derived);
        this.transforms = List.copyOf(transforms);
        this.kept = kept;
        this.outputNames = List.copyOf(outputNames);
    }

    /**
     * Fits {@code spec} on the training rows.
     *
     * @param schema the dataset's columns; the spec may name only these and its own derived features
     * @throws PipelineSpecException naming the part of the spec that cannot be fitted
     * @throws TransformException naming the column when a training value has the wrong type
     */
    public static FeaturePipeline fit(PipelineSpec spec, List<InputColumn> schema, List<? extends Map<String, ?>> rows) {
        if (rows.isEmpty()) {
            throw new PipelineSpecException("rows", "a pipeline needs at least one training row to fit");
        }
        Map<String, InputColumn> columns = new LinkedHashMap<>();
        schema.forEach(c -> columns.put(c.name(), c));
        Map<String, ValueType> types = new LinkedHashMap<>();
        schema.forEach(c -> types.put(c.name(), ValueType.ofColumnType(c.type())));

        List<DerivedFeature> derived = new ArrayList<>();
        Map<String, InputColumn.Kind> derivedKinds = new HashMap<>();
        Set<String> needed = new LinkedHashSet<>();
        for (int i = 0; i < spec.derived().size(); i++) {
            PipelineSpec.Derived d = spec.derived().get(i);
            String at = "derived[" + i + "]";
            if (d == null || d.name() == null || d.name().isBlank()) {
                throw new PipelineSpecException(at + ".name", "a derived feature needs a name");
            }
            if (columns.containsKey(d.name()) || derivedKinds.containsKey(d.name())) {
                throw new PipelineSpecException(at + ".name", "'" + d.name() + "' is already a column or derived feature");
            }
            Expression expression;
            try {
                // raw columns only: a derived feature cannot read another, so their order never matters
                expression = Expression.compile(d.expression() == null ? "" : d.expression(), types);
            } catch (ExpressionException e) {
                throw new PipelineSpecException(at + ".expression", e.getMessage());
            }
            InputColumn.Kind kind = switch (expression.type()) {
                case NUMBER -> InputColumn.Kind.NUMERIC;
                case BOOLEAN -> InputColumn.Kind.BOOLEAN;
                case TEXT -> InputColumn.Kind.CATEGORICAL;
                case TIMESTAMP -> throw new PipelineSpecException(at + ".expression", "'" + d.name()
                        + "' is a timestamp, which a model cannot use: take a part of it, e.g. month(...)");
            };
            derivedKinds.put(d.name(), kind);
            derived.add(new DerivedFeature(d.name(), expression, types));
            needed.addAll(expression.columns());
        }

        if (spec.features().isEmpty()) {
            throw new PipelineSpecException("features", "name at least one column or derived feature");
        }
        Map<String, InputColumn.Kind> featureKinds = new LinkedHashMap<>();
        for (int i = 0; i < spec.features().size(); i++) {
            String name = spec.features().get(i);
            String at = "features[" + i + "]";
            InputColumn.Kind kind;
            if (columns.containsKey(name)) {
                kind = columns.get(name).kind();
                needed.add(name);
            } else if (derivedKinds.containsKey(name)) {
                kind = derivedKinds.get(name);
            } else {
                Set<String> known = new LinkedHashSet<>(columns.keySet());
                known.addAll(derivedKinds.keySet());
                throw new PipelineSpecException(at, "unknown column '" + name + "'" + Suggestions.closest(name, known)
                        .map(closest -> ": did you mean '" + closest + "'?")
                        .orElse("; columns: " + String.join(", ", columns.keySet())
                                + (derivedKinds.isEmpty() ? "" : "; derived: " + String.join(", ", derivedKinds.keySet()))));
            }
            if (kind == InputColumn.Kind.TIMESTAMP) {
                throw new PipelineSpecException(at, "'" + name
                        + "' is a timestamp, which a model cannot use: derive a part of it, e.g. month(" + name + ")");
            }
            if (featureKinds.put(name, kind) != null) {
                throw new PipelineSpecException(at, "'" + name + "' is named twice");
            }
        }
        for (String name : spec.columns().keySet()) {
            if (!featureKinds.containsKey(name)) {
                throw new PipelineSpecException("columns." + name, "'" + name + "' is not one of the features");
            }
        }

        List<InputColumn> inputs = columns.values().stream().filter(c -> needed.contains(c.name())).toList();
        List<Map<String, Object>> prepared = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            try {
                prepared.add(prepare(inputs, derived, rows.get(r)));
            } catch (TransformException e) {
                throw new TransformException(e.column(), "training row " + r + ": " + e.problem());
            }
        }

        List<ColumnTransform> transforms = new ArrayList<>();
        for (Map.Entry<String, InputColumn.Kind> feature : featureKinds.entrySet()) {
            String name = feature.getKey();
            ColumnConfig defaults = feature.getValue() == InputColumn.Kind.NUMERIC
                    ? ColumnConfig.NONE.orElse(spec.numeric()).orElse(ColumnConfig.NUMERIC_DEFAULTS)
                    : ColumnConfig.NONE.orElse(spec.categorical()).orElse(ColumnConfig.CATEGORICAL_DEFAULTS);
            ColumnConfig config = spec.columns().getOrDefault(name, ColumnConfig.NONE).orElse(defaults);
            List<Object> values = new ArrayList<>(prepared.size());
            prepared.forEach(row -> values.add(row.get(name)));
            transforms.add(switch (feature.getValue()) {
                case NUMERIC -> fitNumeric(name, config, values);
                case BOOLEAN -> fitBoolean(name, config, values);
                default -> fitCategorical(name, config, values);
            });
        }

        List<String> allOutputs = transforms.stream().flatMap(t -> t.outputs().stream()).toList();
        int width = allOutputs.size();
        int[] kept;
        if (spec.dropConstant() == null || spec.dropConstant()) {
            double[] first = new double[width];
            boolean[] varies = new boolean[width];
            double[] out = new double[width];
            for (int r = 0; r < prepared.size(); r++) {
                write(transforms, prepared.get(r), out);
                for (int j = 0; j < width; j++) {
                    if (r == 0) {
                        first[j] = out[j];
                    } else if (out[j] != first[j]) {
                        varies[j] = true;
                    }
                }
            }
            kept = java.util.stream.IntStream.range(0, width).filter(j -> varies[j]).toArray();
            if (kept.length == 0) {
                throw new PipelineSpecException("features", "every feature is constant over the " + rows.size()
                        + " training rows: there is nothing to learn from");
            }
        } else {
            kept = java.util.stream.IntStream.range(0, width).toArray();
        }
        List<String> outputNames = Arrays.stream(kept).mapToObj(allOutputs::get).toList();
        return new FeaturePipeline(inputs, derived, transforms, kept, outputNames);
    }

    /** The raw columns a row must (or may, when nullable) carry: the features and what derived features read. */
    public List<InputColumn> inputs() {
        return inputs;
    }

    /** The names of the model's input columns, in order ({@code school=GP} for a one-hot column). */
    public List<String> outputNames() {
        return outputNames;
    }

    public int width() {
        return kept.length;
    }

    /** The names of the derived features, in the order they are computed. */
    public List<String> derivedNames() {
        return derived.stream().map(DerivedFeature::name).toList();
    }

    /**
     * The raw input values coerced to their column types, with the derived features added: what the model's
     * features are computed from.
     */
    public Map<String, Object> prepare(Map<String, ?> row) {
        return prepare(inputs, derived, row);
    }

    /** The model's feature vector for one raw row. */
    public double[] transform(Map<String, ?> row) {
        Map<String, Object> prepared = prepare(inputs, derived, row);
        if (allWidth == 0) {
            allWidth = transforms.stream().mapToInt(ColumnTransform::width).sum();
        }
        double[] all = new double[allWidth];
        write(transforms, prepared, all);
        if (all.length == kept.length) {
            return all;
        }
        double[] out = new double[kept.length];
        for (int j = 0; j < kept.length; j++) {
            out[j] = all[kept[j]];
        }
        return out;
    }

    /** The feature matrix for raw rows; a {@link TransformException} names the row and column. */
    public double[][] transform(List<? extends Map<String, ?>> rows) {
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            try {
                out[r] = transform(rows.get(r));
            } catch (TransformException e) {
                throw new TransformException(e.column(), "row " + r + ": " + e.problem());
            }
        }
        return out;
    }

    /** Per feature column, how it is prepared, for people: a model card shows it. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        for (DerivedFeature d : derived) {
            out.put(d.name(), "derived: " + d.expression().text());
        }
        for (ColumnTransform t : transforms) {
            String text = switch (t) {
                case ColumnTransform.Numeric n -> "numeric; missing → " + (n.fill() == null ? "refused" : n.fill())
                        + (n.log() ? "; ln(1 + x)" : "") + (n.buckets() == null ? "" : "; buckets " + Arrays.toString(n.buckets()))
                        + (n.shift() == 0 && n.factor() == 1 ? "" : "; (x - " + n.shift() + ") × " + n.factor());
                case ColumnTransform.Bool b -> "boolean as 0/1; missing → " + (b.fill() == null ? "refused" : b.fill());
                case ColumnTransform.Categorical c -> (c.oneHot() ? "one-hot" : "ordinal") + " over " + c.categories()
                        + "; missing → " + (c.fill() == null ? "refused" : c.fill()) + "; unseen → " + c.unseen();
            };
            out.merge(t.column(), text, (a, b) -> a + "; " + b);
        }
        return out;
    }

    private static Map<String, Object> prepare(List<InputColumn> inputs, List<DerivedFeature> derived, Map<String, ?> row) {
        Map<String, Object> out = new HashMap<>();
        for (InputColumn c : inputs) {
            Object raw = row.get(c.name());
            out.put(c.name(), switch (c.kind()) {
                case NUMERIC -> Values.number(c.name(), raw);
                case BOOLEAN -> Values.bool(c.name(), raw);
                case CATEGORICAL -> Values.category(c.name(), raw);
                case TIMESTAMP -> Values.isMissing(raw) ? null : raw;
            });
        }
        for (DerivedFeature d : derived) {
            out.put(d.name(), d.evaluate(out));
        }
        return out;
    }

    private static void write(List<ColumnTransform> transforms, Map<String, Object> prepared, double[] out) {
        int offset = 0;
        for (ColumnTransform t : transforms) {
            t.write(prepared.get(t.column()), out, offset);
            offset += t.width();
        }
    }

    private static ColumnTransform fitNumeric(String name, ColumnConfig config, List<Object> values) {
        String at = "columns." + name;
        if (config.encode() != null) {
            throw new PipelineSpecException(at + ".encode", "'" + name + "' is numeric: encoding is for categories");
        }
        double[] present = values.stream().filter(v -> v != null).mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        String impute = lower(config.impute());
        Double fill = switch (impute) {
            case "mean" -> present.length == 0 ? 0.0 : Arrays.stream(present).average().orElse(0);
            case "median" -> present.length == 0 ? 0.0 : median(present);
            case "most_frequent" -> present.length == 0 ? 0.0 : mostFrequentNumber(present);
            case "constant" -> {
                if (!(config.fill() instanceof Number n)) {
                    throw new PipelineSpecException(at + ".fill", "constant imputation of a numeric column needs a number");
                }
                yield n.doubleValue();
            }
            case "none" -> null;
            default -> throw new PipelineSpecException(at + ".impute", "unknown strategy '" + config.impute()
                    + "'; known: mean, median, most_frequent, constant, none");
        };
        boolean log = Boolean.TRUE.equals(config.log());
        double[] buckets = null;
        if (config.bucketize() != null) {
            buckets = config.bucketize().stream().mapToDouble(Double::doubleValue).toArray();
            if (buckets.length == 0) {
                throw new PipelineSpecException(at + ".bucketize", "give at least one boundary");
            }
            for (int i = 1; i < buckets.length; i++) {
                if (!(buckets[i] > buckets[i - 1])) {
                    throw new PipelineSpecException(at + ".bucketize", "boundaries must increase: " + config.bucketize());
                }
            }
        }
        double[] prepared = new double[values.size()];
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            double x = v == null ? (fill == null ? Double.NaN : fill) : ((Number) v).doubleValue();
            try {
                prepared[i] = Double.isNaN(x) ? Double.NaN : ColumnTransform.Numeric.prepare(name, x, log, buckets);
            } catch (TransformException e) {
                throw new TransformException(name, "training row " + i + ": " + e.problem());
            }
        }
        double[] finite = Arrays.stream(prepared).filter(Double::isFinite).toArray();
        double shift = 0;
        double factor = 1;
        switch (lower(config.scale())) {
            case "none" -> {
            }
            case "standard" -> {
                double mean = Arrays.stream(finite).average().orElse(0);
                double ss = 0;
                for (double x : finite) {
                    ss += (x - mean) * (x - mean);
                }
                double sd = finite.length == 0 ? 0 : Math.sqrt(ss / finite.length);
                shift = mean;
                factor = sd > 1e-12 ? 1 / sd : 1;
            }
            case "minmax" -> {
                double min = Arrays.stream(finite).min().orElse(0);
                double max = Arrays.stream(finite).max().orElse(0);
                shift = min;
                factor = max - min > 1e-12 ? 1 / (max - min) : 1;
            }
            default -> throw new PipelineSpecException(at + ".scale", "unknown scaling '" + config.scale()
                    + "'; known: none, standard, minmax");
        }
        return new ColumnTransform.Numeric(name, fill, log, buckets, shift, factor);
    }

    private static ColumnTransform fitBoolean(String name, ColumnConfig config, List<Object> values) {
        String at = "columns." + name;
        rejectNumericSteps(at, name, config);
        long trues = values.stream().filter(Boolean.TRUE::equals).count();
        long falses = values.stream().filter(Boolean.FALSE::equals).count();
        Boolean fill = switch (lower(config.impute())) {
            case "most_frequent", "mean", "median" -> trues > falses;
            case "constant" -> {
                try {
                    Boolean b = Values.bool(name, config.fill());
                    if (b == null) {
                        throw new PipelineSpecException(at + ".fill", "constant imputation needs true or false");
                    }
                    yield b;
                } catch (TransformException e) {
                    throw new PipelineSpecException(at + ".fill", e.problem());
                }
            }
            case "none" -> null;
            default -> throw new PipelineSpecException(at + ".impute", "unknown strategy '" + config.impute()
                    + "'; known: most_frequent, constant, none");
        };
        return new ColumnTransform.Bool(name, fill);
    }

    private static ColumnTransform fitCategorical(String name, ColumnConfig config, List<Object> values) {
        String at = "columns." + name;
        rejectNumericSteps(at, name, config);
        Map<String, Integer> counts = new TreeMap<>();
        values.stream().filter(v -> v != null).forEach(v -> counts.merge((String) v, 1, Integer::sum));
        String mostFrequent = counts.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                        java.util.Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(null);
        String fill = switch (lower(config.impute())) {
            case "most_frequent" -> mostFrequent;
            case "constant" -> {
                if (config.fill() == null) {
                    throw new PipelineSpecException(at + ".fill", "constant imputation needs a fill value");
                }
                yield Values.category(name, config.fill());
            }
            case "none" -> null;
            default -> throw new PipelineSpecException(at + ".impute", "unknown strategy '" + config.impute()
                    + "'; known for categories: most_frequent, constant, none");
        };
        TreeSet<String> categories = new TreeSet<>(counts.keySet());
        boolean anyMissing = values.stream().anyMatch(v -> v == null);
        if (fill != null && anyMissing) {
            categories.add(fill);
        }
        if (categories.isEmpty()) {
            categories.add(fill == null ? "" : fill);
        }
        boolean oneHot = switch (lower(config.encode())) {
            case "one_hot" -> true;
            case "ordinal" -> false;
            default -> throw new PipelineSpecException(at + ".encode", "unknown encoding '" + config.encode()
                    + "'; known: one_hot, ordinal");
        };
        String unseen = lower(config.unseen());
        if (!Set.of("ignore", "error", "most_frequent").contains(unseen)) {
            throw new PipelineSpecException(at + ".unseen", "unknown policy '" + config.unseen()
                    + "'; known: ignore, most_frequent, error");
        }
        return new ColumnTransform.Categorical(name, fill, List.copyOf(categories), oneHot, unseen,
                mostFrequent == null ? categories.first() : mostFrequent);
    }

    private static void rejectNumericSteps(String at, String name, ColumnConfig config) {
        if (Boolean.TRUE.equals(config.log()) || config.bucketize() != null
                || config.scale() != null && !"none".equals(config.scale())) {
            throw new PipelineSpecException(at, "'" + name + "' is not numeric: log, bucketize and scale are for numbers");
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double mostFrequentNumber(double[] values) {
        Map<Double, Integer> counts = new TreeMap<>();
        for (double v : values) {
            counts.merge(v, 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}

package io.vishwaops.training.run;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.vishwaops.mlcore.expression.Expression;
import io.vishwaops.mlcore.expression.ValueType;
import io.vishwaops.mlcore.train.Task;
import io.vishwaops.training.pipeline.PipelineDefinition;

/**
 * The label of every row, made as the pipeline's target says: the column's value, or an expression over the row
 * ({@code G3 >= 10} → the class of true or of false). Rows without a label are left out and counted.
 *
 * @param rows the rows that have a label, in snapshot order
 * @param classes for classification the label's class index per row, else null
 * @param classNames for classification the class names, sorted (true/false labels: false's class first)
 * @param targets for regression the label per row, else null
 * @param unlabelled rows left out because their label was missing
 */
record Labels(List<Map<String, Object>> rows, int[] classes, List<String> classNames, double[] targets,
        int unlabelled) {

    static Labels of(PipelineDefinition spec, Task task, Map<String, ValueType> types,
            List<Map<String, Object>> raw) {
        PipelineDefinition.Target target = spec.target();
        Expression expression = target.expression() == null || target.expression().isBlank() ? null
                : Expression.compile(target.expression(), types);
        List<Map<String, Object>> rows = new ArrayList<>(raw.size());
        List<Object> values = new ArrayList<>(raw.size());
        int unlabelled = 0;
        for (Map<String, Object> row : raw) {
            Object value = expression != null ? expression.evaluate(row) : row.get(target.column());
            if (value == null || value instanceof String s && s.isEmpty()) {
                unlabelled++;
                continue;
            }
            rows.add(row);
            values.add(value);
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("no row of the snapshot has a label ('" + target.column() + "' is missing "
                    + "in all " + raw.size() + ")");
        }
        if (task == Task.REGRESSION) {
            double[] targets = new double[values.size()];
            for (int i = 0; i < targets.length; i++) {
                Object v = values.get(i);
                if (!(v instanceof Number n)) {
                    throw new IllegalStateException("row " + i + ": the label " + v + " is not a number");
                }
                targets[i] = n.doubleValue();
            }
            return new Labels(rows, null, null, targets, unlabelled);
        }
        List<String> names;
        List<String> text = values.stream().map(Labels::className).toList();
        if (values.getFirst() instanceof Boolean) {
            names = target.classes() != null ? target.classes() : List.of("false", "true");
            text = values.stream().map(v -> Boolean.TRUE.equals(v) ? names.get(1) : names.get(0)).toList();
        }
        else {
            names = List.copyOf(new TreeSet<>(text));
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            index.put(names.get(k), k);
        }
        int[] classes = new int[text.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = index.get(text.get(i));
        }
        long present = java.util.Arrays.stream(classes).distinct().count();
        if (present < 2) {
            throw new IllegalStateException("every labelled row is of one class ('" + text.getFirst()
                    + "'): there is nothing to tell apart");
        }
        if (task == Task.BINARY && names.size() != 2) {
            throw new IllegalStateException("the task is binary but the label has " + names.size() + " classes: "
                    + names);
        }
        if (task == Task.MULTICLASS && names.size() == 2) {
            throw new IllegalStateException("the task is multiclass but the label has two classes " + names
                    + ": make the task binary");
        }
        return new Labels(rows, classes, names, null, unlabelled);
    }

    /** A label value as a class name: numbers without a needless {@code .0}. */
    static String className(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    boolean isClassification() {
        return classes != null;
    }

    /** The class index (or target) of the rows at these indexes. */
    int[] classesAt(int[] indexes) {
        int[] out = new int[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            out[i] = classes[indexes[i]];
        }
        return out;
    }

    double[] targetsAt(int[] indexes) {
        double[] out = new double[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            out[i] = targets[indexes[i]];
        }
        return out;
    }

    List<Map<String, Object>> rowsAt(int[] indexes) {
        List<Map<String, Object>> out = new ArrayList<>(indexes.length);
        for (int i : indexes) {
            out.add(rows.get(i));
        }
        return out;
    }
}

package io.vishwaops.mlcore.bundle;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.vishwaops.mlcore.pipeline.InputColumn;
import io.vishwaops.mlcore.pipeline.TransformException;
import io.vishwaops.mlcore.pipeline.Values;

/**
 * What a served model takes and gives: the raw input columns (name, type, whether they may be missing, the categories
 * training saw) and the output (the target, the task and the class names). Open Inference Protocol metadata and
 * request checks are read from it.
 *
 * @param inputs the raw columns a request row carries
 * @param target the name of the predicted column
 * @param outputType {@code categorical} for classifiers, {@code numeric} for regression
 * @param classNames the classes a classifier predicts, in the order of its probabilities; empty for regression
 */
public record InputSignature(List<InputColumn> inputs, String target, String outputType, List<String> classNames)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public InputSignature {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(target, "target");
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
    }

    /** One thing wrong with a request row: the field and what is wrong with it. */
    public record FieldProblem(String field, String problem) {
    }

    /**
     * Every problem with a row, not just the first: a required field that is missing, a field the model does not take,
     * a value of the wrong type. An empty list means the row can be scored.
     */
    public List<FieldProblem> check(Map<String, ?> row) {
        List<FieldProblem> problems = new ArrayList<>();
        for (InputColumn c : inputs) {
            Object value = row.get(c.name());
            if (Values.isMissing(value)) {
                if (!c.nullable()) {
                    problems.add(new FieldProblem(c.name(), row.containsKey(c.name()) ? "is null, but it is required"
                            : "is missing: the model needs it (" + c.type() + ")"));
                }
                continue;
            }
            try {
                switch (c.kind()) {
                    case NUMERIC -> {
                        double x = Values.number(c.name(), value);
                        if (c.type().equals("integer") && x != Math.rint(x)) {
                            problems.add(new FieldProblem(c.name(), "expected an integer, got " + value));
                        }
                    }
                    case BOOLEAN -> Values.bool(c.name(), value);
                    case CATEGORICAL -> {
                        if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
                            problems.add(new FieldProblem(c.name(), "expected text, got a " + kindOf(value)));
                        }
                    }
                    case TIMESTAMP -> {
                        if (!(value instanceof String) && !(value instanceof Number)) {
                            problems.add(new FieldProblem(c.name(), "expected an ISO-8601 timestamp, got a " + kindOf(value)));
                        }
                    }
                }
            } catch (TransformException e) {
                problems.add(new FieldProblem(c.name(), e.problem()));
            }
        }
        java.util.Set<String> names = new java.util.HashSet<>(inputs.size() * 2);
        inputs.forEach(c -> names.add(c.name()));
        for (String field : row.keySet()) {
            if (!names.contains(field)) {
                problems.add(new FieldProblem(field, "is not an input of this model; inputs: "
                        + String.join(", ", inputs.stream().map(InputColumn::name).toList())));
            }
        }
        return problems;
    }

    private static String kindOf(Object value) {
        return value instanceof Map<?, ?> ? "object" : value instanceof List<?> ? "list" : value.getClass().getSimpleName();
    }
}

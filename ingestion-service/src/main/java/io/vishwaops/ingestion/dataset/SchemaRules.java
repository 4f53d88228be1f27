package io.vishwaops.ingestion.dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.contracts.datasets.Expectation;
import io.vishwaops.problems.InvalidInput;

/**
 * What makes a dataset schema well formed, and which changes between two versions break records that were
 * valid before. Pure functions: no storage.
 */
final class SchemaRules {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Set<String> NUMBERS = Set.of("numeric", "integer");

    private SchemaRules() {
    }

    /** Every problem of the schema, each naming its field; empty when the schema is well formed. */
    static List<InvalidInput.Error> problems(DatasetSchema schema) {
        List<InvalidInput.Error> errors = new ArrayList<>();
        if (schema.name() == null || !NAME.matcher(schema.name()).matches()) {
            errors.add(new InvalidInput.Error("name", "1-64 characters of a-z, 0-9, '_' and '-', starting with a "
                    + "letter or digit; got " + quote(schema.name())));
        }
        List<ColumnSpec> columns = schema.columns() == null ? List.of() : schema.columns();
        if (columns.isEmpty()) {
            errors.add(new InvalidInput.Error("columns", "a dataset needs at least one column"));
        }
        Map<String, ColumnSpec> byName = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec column = columns.get(i);
            String at = "columns[" + i + "]";
            if (column == null) {
                errors.add(new InvalidInput.Error(at, "must be an object"));
                continue;
            }
            if (column.name() == null || column.name().isBlank()) {
                errors.add(new InvalidInput.Error(at + ".name", "is required"));
            }
            else if (column.name().startsWith("_")) {
                errors.add(new InvalidInput.Error(at + ".name", "names starting with '_' are reserved (e.g. _id)"));
            }
            else if (byName.putIfAbsent(column.name(), column) != null) {
                errors.add(new InvalidInput.Error(at + ".name", "column '" + column.name() + "' appears twice"));
            }
            if (!DatasetSchema.COLUMN_TYPES.contains(column.type())) {
                errors.add(new InvalidInput.Error(at + ".type", "must be one of " + DatasetSchema.COLUMN_TYPES
                        + "; got " + quote(column.type())));
            }
            if ((column.min() != null || column.max() != null) && !NUMBERS.contains(column.type())) {
                errors.add(new InvalidInput.Error(at, "min and max apply to numeric and integer columns only"));
            }
            if (column.min() != null && column.max() != null && column.min() > column.max()) {
                errors.add(new InvalidInput.Error(at + ".min", "min " + column.min() + " is above max " + column.max()));
            }
            if (column.allowedValues() != null && !column.allowedValues().isEmpty()
                    && !"categorical".equals(column.type())) {
                errors.add(new InvalidInput.Error(at + ".allowedValues", "applies to categorical columns only"));
            }
            if (column.pattern() != null) {
                if (!"text".equals(column.type()) && !"categorical".equals(column.type())) {
                    errors.add(new InvalidInput.Error(at + ".pattern", "applies to text and categorical columns only"));
                }
                try {
                    Pattern.compile(column.pattern());
                }
                catch (PatternSyntaxException ex) {
                    errors.add(new InvalidInput.Error(at + ".pattern", "not a valid regular expression: "
                            + ex.getDescription()));
                }
            }
        }
        reference(schema.entityKey(), "entityKey", byName, errors);
        ColumnSpec eventTime = reference(schema.eventTime(), "eventTime", byName, errors);
        if (eventTime != null && !"timestamp".equals(eventTime.type())) {
            errors.add(new InvalidInput.Error("eventTime", "column '" + eventTime.name() + "' must be a timestamp"));
        }
        ColumnSpec target = reference(schema.target(), "target", byName, errors);
        if (target == null && schema.task() != null && schema.target() == null) {
            errors.add(new InvalidInput.Error("target", "a task needs a target column"));
        }
        if (target != null) {
            if (!DatasetSchema.TASKS.contains(schema.task())) {
                errors.add(new InvalidInput.Error("task", "must be one of " + DatasetSchema.TASKS + " when there is "
                        + "a target; got " + quote(schema.task())));
            }
            else if ("regression".equals(schema.task()) && !NUMBERS.contains(target.type())) {
                errors.add(new InvalidInput.Error("task", "regression needs a numeric or integer target; '"
                        + target.name() + "' is " + target.type()));
            }
            else if (!"regression".equals(schema.task())
                    && !Set.of("categorical", "boolean", "integer").contains(target.type())) {
                errors.add(new InvalidInput.Error("task", schema.task() + " classification needs a categorical, "
                        + "boolean or integer target; '" + target.name() + "' is " + target.type()));
            }
        }
        List<Expectation> expectations = schema.expectations() == null ? List.of() : schema.expectations();
        for (int i = 0; i < expectations.size(); i++) {
            expectation(expectations.get(i), "expectations[" + i + "]", byName, errors);
        }
        return errors;
    }

    /** Changes from {@code before} to {@code after} that make records valid under {@code before} invalid. */
    static List<String> incompatibleChanges(DatasetSchema before, DatasetSchema after) {
        List<String> changes = new ArrayList<>();
        Map<String, ColumnSpec> old = new HashMap<>();
        before.columns().forEach(c -> old.put(c.name(), c));
        Set<String> kept = new HashSet<>();
        for (ColumnSpec column : after.columns()) {
            ColumnSpec was = old.get(column.name());
            if (was == null) {
                if (Boolean.FALSE.equals(column.nullable())) {
                    changes.add("new column '" + column.name() + "' is required");
                }
                continue;
            }
            kept.add(column.name());
            if (!was.type().equals(column.type())) {
                changes.add("column '" + column.name() + "' changed type from " + was.type() + " to " + column.type());
            }
            if (!Boolean.FALSE.equals(was.nullable()) && Boolean.FALSE.equals(column.nullable())) {
                changes.add("column '" + column.name() + "' became required");
            }
            if (column.min() != null && (was.min() == null || column.min() > was.min())) {
                changes.add("column '" + column.name() + "' minimum raised to " + column.min());
            }
            if (column.max() != null && (was.max() == null || column.max() < was.max())) {
                changes.add("column '" + column.name() + "' maximum lowered to " + column.max());
            }
            List<String> allowed = column.allowedValues() == null ? List.of() : column.allowedValues();
            List<String> wasAllowed = was.allowedValues() == null ? List.of() : was.allowedValues();
            if (!allowed.isEmpty() && (wasAllowed.isEmpty() || !allowed.containsAll(wasAllowed))) {
                changes.add("column '" + column.name() + "' allows fewer values");
            }
            if (column.pattern() != null && !Objects.equals(column.pattern(), was.pattern())) {
                changes.add("column '" + column.name() + "' has a new pattern");
            }
        }
        for (ColumnSpec column : before.columns()) {
            if (!kept.contains(column.name()) && Boolean.FALSE.equals(column.nullable())) {
                changes.add("required column '" + column.name() + "' was removed");
            }
        }
        return changes;
    }

    private static ColumnSpec reference(String column, String field, Map<String, ColumnSpec> columns,
            List<InvalidInput.Error> errors) {
        if (column == null) {
            return null;
        }
        ColumnSpec found = columns.get(column);
        if (found == null) {
            errors.add(new InvalidInput.Error(field, "no column named '" + column + "'"));
        }
        return found;
    }

    private static void expectation(Expectation expectation, String at, Map<String, ColumnSpec> columns,
            List<InvalidInput.Error> errors) {
        if (expectation == null || !DatasetSchema.EXPECTATION_RULES.contains(expectation.rule())) {
            errors.add(new InvalidInput.Error(at + ".rule", "must be one of " + DatasetSchema.EXPECTATION_RULES
                    + "; got " + quote(expectation == null ? null : expectation.rule())));
            return;
        }
        String rule = expectation.rule();
        boolean needsColumn = !Set.of("row-count", "duplicate-share").contains(rule);
        ColumnSpec column = needsColumn ? reference(expectation.column(), at + ".column", columns, errors) : null;
        if (needsColumn && expectation.column() == null) {
            errors.add(new InvalidInput.Error(at + ".column", rule + " needs a column"));
        }
        if (column != null && Set.of("mean-between", "stdev-between", "outliers").contains(rule)
                && !NUMBERS.contains(column.type())) {
            errors.add(new InvalidInput.Error(at + ".column", rule + " needs a numeric or integer column; '"
                    + column.name() + "' is " + column.type()));
        }
        if (Set.of("missing-share", "duplicate-share").contains(rule)
                && (expectation.max() == null || expectation.max() < 0 || expectation.max() > 1)) {
            errors.add(new InvalidInput.Error(at + ".max", rule + " needs max, a share between 0 and 1"));
        }
        if (Set.of("row-count", "mean-between", "stdev-between").contains(rule)
                && expectation.min() == null && expectation.max() == null) {
            errors.add(new InvalidInput.Error(at, rule + " needs min, max or both"));
        }
        if (expectation.min() != null && expectation.max() != null && expectation.min() > expectation.max()) {
            errors.add(new InvalidInput.Error(at + ".min", "min is above max"));
        }
        if ("outliers".equals(rule) && expectation.method() != null
                && !Set.of("iqr", "zscore").contains(expectation.method())) {
            errors.add(new InvalidInput.Error(at + ".method", "must be iqr or zscore; got " + quote(expectation.method())));
        }
    }

    private static String quote(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}

package io.vishwaops.validation.record;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;

/**
 * A dataset schema version made ready to check records by position: each column's type, bounds, allowed values
 * and pattern in arrays in the schema's column order, and where each column name sits. Made once per schema
 * version, so that checking a record looks nothing up by name and compiles nothing.
 */
public final class Columns {

    /** The column types, as {@link DatasetSchema#COLUMN_TYPES} spells them. */
    enum Type {
        NUMERIC, INTEGER, CATEGORICAL, BOOLEAN, TEXT, TIMESTAMP;

        static Type of(String type) {
            return switch (type) {
                case "numeric" -> NUMERIC;
                case "integer" -> INTEGER;
                case "categorical" -> CATEGORICAL;
                case "boolean" -> BOOLEAN;
                case "text" -> TEXT;
                case "timestamp" -> TIMESTAMP;
                default -> throw new IllegalStateException("unknown column type " + type);
            };
        }
    }

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final DatasetSchema schema;
    private final String[] names;
    private final Map<String, Integer> index;
    final ColumnSpec[] specs;
    final Type[] types;
    final boolean[] required;
    /** Bounds, or the infinities when a column has none. */
    final double[] min;
    final double[] max;
    /** The allowed values, or null where any value is allowed. */
    final Set<String>[] allowed;
    final Pattern[] patterns;

    @SuppressWarnings("unchecked")
    private Columns(DatasetSchema schema) {
        this.schema = schema;
        List<ColumnSpec> columns = schema.columns();
        int n = columns.size();
        names = new String[n];
        index = HashMap.newHashMap(n);
        specs = columns.toArray(ColumnSpec[]::new);
        types = new Type[n];
        required = new boolean[n];
        min = new double[n];
        max = new double[n];
        allowed = new Set[n];
        patterns = new Pattern[n];
        for (int i = 0; i < n; i++) {
            ColumnSpec column = specs[i];
            names[i] = column.name();
            index.putIfAbsent(column.name(), i);
            types[i] = Type.of(column.type());
            required[i] = Boolean.FALSE.equals(column.nullable());
            min[i] = column.min() != null ? column.min() : Double.NEGATIVE_INFINITY;
            max[i] = column.max() != null ? column.max() : Double.POSITIVE_INFINITY;
            allowed[i] = column.allowedValues() == null || column.allowedValues().isEmpty() ? null
                    : new HashSet<>(column.allowedValues());
            patterns[i] = column.pattern() == null ? null : PATTERNS.computeIfAbsent(column.pattern(), Pattern::compile);
        }
    }

    public static Columns of(DatasetSchema schema) {
        return new Columns(schema);
    }

    public DatasetSchema schema() {
        return schema;
    }

    public int size() {
        return names.length;
    }

    public String name(int column) {
        return names[column];
    }

    /** Where the column named {@code name} sits, or -1 when the schema has none. */
    public int indexOf(String name) {
        Integer at = index.get(name);
        return at == null ? -1 : at;
    }

    /**
     * Where the column named {@code name} sits, trying {@code expected} first: records mostly list their fields in
     * the schema's order, so the next field is mostly the next column.
     */
    int indexOf(String name, int expected) {
        if (expected < names.length && names[expected].equals(name)) {
            return expected;
        }
        return indexOf(name);
    }
}

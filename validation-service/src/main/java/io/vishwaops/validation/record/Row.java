package io.vishwaops.validation.record;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A record's values held by position in its schema version's columns, readable as a map: the columns it has, in
 * the schema's order, then any fields the schema has no column for, in the order they came. A column the record
 * leaves out is not in the map; one it sends as JSON null is, with null. Read-only as a map: it is filled field
 * by field as a record is read. Checks and profiles read it by position;
 * everything else (the quarantine, the JSON written from it) sees a map, without a map entry per value having
 * been made.
 */
public final class Row extends AbstractMap<String, Object> {

    private static final Object ABSENT = new Object();

    private final Columns columns;
    private final Object[] values;
    /** Fields the schema has no column for, or null while there are none. */
    private Map<String, Object> extra;
    private int present;
    /** The JSON text the values arrived in, when it stands for them (no field given twice), or null. */
    private ValuesJson text;

    public Row(Columns columns) {
        this.columns = columns;
        this.values = new Object[columns.size()];
        Arrays.fill(values, ABSENT);
    }

    /** {@code values} held by position in {@code columns}. */
    public static Row of(Columns columns, Map<String, ?> values) {
        if (values instanceof Row row && row.columns == columns) {
            return row;
        }
        Row row = new Row(columns);
        int[] expected = {0};
        values.forEach((name, value) -> expected[0] = row.put(name, value, expected[0]) + 1);
        return row;
    }

    public Columns columns() {
        return columns;
    }

    /** The value of the column at {@code column}, null when the record leaves it out or sends null. */
    public Object get(int column) {
        Object value = values[column];
        return value == ABSENT ? null : value;
    }

    /** Whether the record has the column at {@code column} (null or not). */
    public boolean has(int column) {
        return values[column] != ABSENT;
    }

    /** Sets the value of the column at {@code column}. */
    void set(int column, Object value) {
        if (values[column] == ABSENT) {
            present++;
        }
        values[column] = value;
    }

    /** The JSON text the values arrived in, or null when none stands for them. */
    public ValuesJson text() {
        return text;
    }

    public void text(ValuesJson text) {
        this.text = text;
    }

    /** The fields the schema has no column for. */
    Map<String, Object> extra() {
        return extra == null ? Map.of() : extra;
    }

    /**
     * Puts a field read in the record's order: {@code expected} is where the previous one sat, plus one; returns
     * where this one sits (-1: a field the schema lacks). A field given twice keeps its later value.
     */
    public int put(String name, Object value, int expected) {
        int column = columns.indexOf(name, expected);
        if (column >= 0) {
            set(column, value);
        }
        else {
            if (extra == null) {
                extra = new LinkedHashMap<>();
            }
            extra.put(name, value);
        }
        return column;
    }

    @Override
    public Object get(Object name) {
        int column = name instanceof String text ? columns.indexOf(text) : -1;
        if (column >= 0) {
            return get(column);
        }
        return extra == null ? null : extra.get(name);
    }

    @Override
    public boolean containsKey(Object name) {
        int column = name instanceof String text ? columns.indexOf(text) : -1;
        if (column >= 0) {
            return has(column);
        }
        return extra != null && extra.containsKey(name);
    }

    @Override
    public int size() {
        return present + (extra == null ? 0 : extra.size());
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                Iterator<Entry<String, Object>> rest = extra == null ? null : extra.entrySet().iterator();
                return new Iterator<>() {

                    private int next = advance(0);

                    private int advance(int from) {
                        while (from < values.length && values[from] == ABSENT) {
                            from++;
                        }
                        return from;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < values.length || (rest != null && rest.hasNext());
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next < values.length) {
                            int column = next;
                            next = advance(next + 1);
                            return new SimpleImmutableEntry<>(columns.name(column), values[column]);
                        }
                        if (rest == null) {
                            throw new NoSuchElementException();
                        }
                        return rest.next();
                    }
                };
            }

            @Override
            public int size() {
                return Row.this.size();
            }
        };
    }
}

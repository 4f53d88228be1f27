package io.vishwaops.ingestion.csv;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A row's values as an unmodifiable map over the row's array: a million rows of thirty columns would
 * otherwise make thirty million map entries only to be read once.
 */
final class RowValues extends AbstractMap<String, String> {

    private final List<String> columns;
    private final Map<String, Integer> index;
    private final String[] values;
    private final int size;

    RowValues(List<String> columns, Map<String, Integer> index, String[] values, int size) {
        this.columns = columns;
        this.index = index;
        this.values = values;
        this.size = size;
    }

    @Override
    public String get(Object column) {
        Integer i = index.get(column);
        return i != null && i < size ? values[i] : null;
    }

    @Override
    public boolean containsKey(Object column) {
        Integer i = index.get(column);
        return i != null && i < size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {

            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {

                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(columns.get(i), values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}

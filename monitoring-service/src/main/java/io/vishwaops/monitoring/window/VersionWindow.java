package io.vishwaops.monitoring.window;

import java.util.Arrays;
import java.util.List;

/**
 * The last {@code capacity} predictions of one model version, column by column in compact form: a ring of doubles
 * per numeric column (NaN for missing), a ring of dictionary codes per categorical one (−1 for missing), and the
 * prediction times. A 5,000-row window of 30 columns is about 1 MiB; a million rows, about 240 MiB.
 *
 * <p>Appends come from the intake listener; {@link #copy} is what drift reads, one column at a time, so evaluation
 * never holds the window for long.
 */
public final class VersionWindow {

    private final String model;
    private final String version;
    private final List<Column> columns;
    private final int capacity;
    private final long[] times;
    private final double[][] numbers;
    private final int[][] codes;
    private final Dictionary[] dictionaries;
    private int next;
    private int size;
    private long appended;
    private long lastAppendMillis;

    public VersionWindow(String model, String version, List<Column> columns, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a window holds at least one prediction");
        }
        this.model = model;
        this.version = version;
        this.columns = List.copyOf(columns);
        this.capacity = capacity;
        this.times = new long[capacity];
        this.numbers = new double[columns.size()][];
        this.codes = new int[columns.size()][];
        this.dictionaries = new Dictionary[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).numeric()) {
                numbers[c] = new double[capacity];
            } else {
                codes[c] = new int[capacity];
                dictionaries[c] = new Dictionary();
            }
        }
    }

    public String model() {
        return model;
    }

    public String version() {
        return version;
    }

    public List<Column> columns() {
        return columns;
    }

    public int capacity() {
        return capacity;
    }

    /** Writes one prediction's row: per column a {@code Double} (or null) or a {@code String} (or null). */
    public synchronized void append(Object[] row, long predictedAtMillis) {
        int slot = next;
        times[slot] = predictedAtMillis;
        for (int c = 0; c < row.length; c++) {
            if (numbers[c] != null) {
                numbers[c][slot] = row[c] instanceof Double d ? d : Double.NaN;
            } else {
                codes[c][slot] = dictionaries[c].code((String) row[c]);
            }
        }
        next = slot + 1 == capacity ? 0 : slot + 1;
        if (size < capacity) {
            size++;
        }
        appended++;
        lastAppendMillis = System.currentTimeMillis();
    }

    /** Predictions appended since the window was made (not only those still in it). */
    public synchronized long appended() {
        return appended;
    }

    /** When the last prediction was appended (wall clock), 0 if none. */
    public synchronized long lastAppendMillis() {
        return lastAppendMillis;
    }

    /** The rows now in the window that were predicted at or after {@code notBeforeMillis}. */
    public synchronized Selection select(long notBeforeMillis) {
        boolean[] keep = null;
        int kept = size;
        for (int i = 0; i < size; i++) {
            if (times[i] < notBeforeMillis) {
                if (keep == null) {
                    keep = new boolean[size];
                    Arrays.fill(keep, true);
                }
                keep[i] = false;
                kept--;
            }
        }
        return new Selection(size, keep, kept);
    }

    /**
     * Which slots a drift evaluation reads: the first {@code filled} slots, less those {@code keep} marks false.
     * Order does not matter to a two-sample test, so slots are read as stored.
     */
    public record Selection(int filled, boolean[] keep, int size) {
    }

    /** A numeric column's selected values (NaN where missing). */
    public synchronized double[] numbers(int column, Selection selection) {
        double[] values = numbers[column];
        if (selection.keep() == null) {
            return Arrays.copyOf(values, selection.filled());
        }
        double[] out = new double[selection.size()];
        int j = 0;
        for (int i = 0; i < selection.filled() && j < out.length; i++) {
            if (selection.keep()[i]) {
                out[j++] = values[i];
            }
        }
        return out;
    }

    /** A categorical column's selected values, decoded (null where missing). */
    public String[] categories(int column, Selection selection) {
        int[] copied;
        String[] dictionary;
        synchronized (this) {
            copied = selection.keep() == null ? Arrays.copyOf(codes[column], selection.filled()) : select(codes[column], selection);
            dictionary = dictionaries[column].values();
        }
        String[] out = new String[copied.length];
        for (int i = 0; i < copied.length; i++) {
            int code = copied[i];
            out[i] = code == Dictionary.MISSING ? null : dictionary[code];
        }
        return out;
    }

    private static int[] select(int[] values, Selection selection) {
        int[] out = new int[selection.size()];
        int j = 0;
        for (int i = 0; i < selection.filled() && j < out.length; i++) {
            if (selection.keep()[i]) {
                out[j++] = values[i];
            }
        }
        return out;
    }
}

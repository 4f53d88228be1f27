package io.vishwaops.mlcore.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How often each category occurs in the reference and in the current sample, over the union of the categories of
 * both, in their natural (sorted) order. Missing values ({@code null}) are left out, as Evidently drops them before
 * a stattest runs.
 */
final class CategoryCounts {

    private final List<Object> categories;
    private final long[] reference;
    private final long[] current;
    private final long referenceTotal;
    private final long currentTotal;

    private CategoryCounts(List<Object> categories, long[] reference, long[] current) {
        this.categories = categories;
        this.reference = reference;
        this.current = current;
        long r = 0;
        long c = 0;
        for (int i = 0; i < reference.length; i++) {
            r += reference[i];
            c += current[i];
        }
        if (r == 0 || c == 0) {
            throw new IllegalArgumentException("both samples need at least one non-missing value");
        }
        this.referenceTotal = r;
        this.currentTotal = c;
    }

    static CategoryCounts of(String[] reference, String[] current) {
        return count(reference, current);
    }

    /** Numbers as categories: Evidently treats a numeric column with few distinct values this way. */
    static CategoryCounts of(double[] reference, double[] current) {
        return count(boxFinite(reference), boxFinite(current));
    }

    private static Double[] boxFinite(double[] values) {
        List<Double> boxed = new ArrayList<>(values.length);
        for (double v : values) {
            if (Double.isFinite(v)) {
                boxed.add(v == 0 ? 0.0 : v); // -0.0 and 0.0 are one value
            }
        }
        return boxed.toArray(Double[]::new);
    }

    private static <T extends Comparable<T>> CategoryCounts count(T[] reference, T[] current) {
        Map<T, long[]> counts = new LinkedHashMap<>();
        for (T value : reference) {
            if (value != null) {
                counts.computeIfAbsent(value, v -> new long[2])[0]++;
            }
        }
        for (T value : current) {
            if (value != null) {
                counts.computeIfAbsent(value, v -> new long[2])[1]++;
            }
        }
        List<Object> categories = new ArrayList<>(new TreeSet<>(counts.keySet()));
        long[] ref = new long[categories.size()];
        long[] cur = new long[categories.size()];
        for (int i = 0; i < categories.size(); i++) {
            long[] pair = counts.get(categories.get(i));
            ref[i] = pair[0];
            cur[i] = pair[1];
        }
        return new CategoryCounts(categories, ref, cur);
    }

    int size() {
        return categories.size();
    }

    Object category(int i) {
        return categories.get(i);
    }

    long reference(int i) {
        return reference[i];
    }

    long current(int i) {
        return current[i];
    }

    long referenceTotal() {
        return referenceTotal;
    }

    long currentTotal() {
        return currentTotal;
    }

    /** The number of categories seen in the reference alone. */
    int referenceDistinct() {
        int n = 0;
        for (long r : reference) {
            if (r > 0) {
                n++;
            }
        }
        return n;
    }

    double[] referenceShares() {
        return shares(reference, referenceTotal);
    }

    double[] currentShares() {
        return shares(current, currentTotal);
    }

    private static double[] shares(long[] counts, long total) {
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = (double) counts[i] / total;
        }
        return shares;
    }
}

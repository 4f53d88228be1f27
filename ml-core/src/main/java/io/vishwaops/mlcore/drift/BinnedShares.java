package io.vishwaops.mlcore.drift;

import java.util.Arrays;

/**
 * The reference and current shares per bin that Evidently's PSI and Jensen–Shannon stattests compare, built as its
 * {@code get_binned_data} builds them.
 *
 * <ul>
 * <li>A numeric column whose reference has more than 20 distinct values: equal-width bins over the combined range
 * of both samples, as many as numpy's "sturges" rule gives for the combined size N (⌈log₂ N + 1⌉, computed as numpy
 * does: ⌈range / (range / (log₂ N + 1))⌉), each bin half-open except the last, as {@code np.histogram}.</li>
 * <li>Anything else (categories, or numbers with few distinct values): one bin per value seen in either sample.</li>
 * </ul>
 *
 * <p>Shares are counts over the sample size. With {@link #withZeroesFilled()} (PSI; not Jensen–Shannon) an empty bin
 * gets 0.0001, or a millionth of the smallest non-zero share when that is ≤ 0.0001, per sample, so the logarithm
 * stays finite.
 */
record BinnedShares(double[] reference, double[] current) {

    /** Evidently bins a numeric column only when its reference has more distinct values than this. */
    static final int MAX_DISTINCT_AS_CATEGORIES = 20;

    static BinnedShares of(String[] reference, String[] current) {
        CategoryCounts counts = CategoryCounts.of(reference, current);
        return new BinnedShares(counts.referenceShares(), counts.currentShares());
    }

    static BinnedShares of(double[] reference, double[] current) {
        double[] ref = finite(reference);
        double[] cur = finite(current);
        if (ref.length == 0 || cur.length == 0) {
            throw new IllegalArgumentException("both samples need at least one finite value");
        }
        if (distinct(ref) <= MAX_DISTINCT_AS_CATEGORIES) {
            CategoryCounts counts = CategoryCounts.of(ref, cur);
            return new BinnedShares(counts.referenceShares(), counts.currentShares());
        }
        double[] edges = sturgesEdges(ref, cur);
        return new BinnedShares(histogram(ref, edges), histogram(cur, edges));
    }

    BinnedShares withZeroesFilled() {
        return new BinnedShares(fillZeroes(reference), fillZeroes(current));
    }

    static double[] sturgesEdges(double[] reference, double[] current) {
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (double[] sample : new double[][] {reference, current}) {
            for (double v : sample) {
                first = Math.min(first, v);
                last = Math.max(last, v);
            }
        }
        long size = (long) reference.length + current.length;
        double range = last - first;
        int bins;
        if (range == 0) {
            first -= 0.5;
            last += 0.5;
            bins = 1;
        } else {
            double width = range / (log2(size) + 1.0);
            bins = (int) Math.ceil(range / width);
        }
        // np.linspace(first, last, bins + 1): i * step + first, the last edge exactly `last`
        double step = (last - first) / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i < bins; i++) {
            edges[i] = i * step + first;
        }
        edges[bins] = last;
        return edges;
    }

    /** log₂, exact for powers of two (where the Sturges bin count sits on an integer and one ulp would matter). */
    private static double log2(long n) {
        if (Long.bitCount(n) == 1) {
            return Long.numberOfTrailingZeros(n);
        }
        return Math.log(n) / Math.log(2);
    }

    /** Shares per bin, locating each value as {@code np.histogram} does for equal bins, then checking the edges. */
    static double[] histogram(double[] values, double[] edges) {
        int bins = edges.length - 1;
        double first = edges[0];
        double last = edges[bins];
        long[] counts = new long[bins];
        for (double v : values) {
            if (v < first || v > last) {
                continue;
            }
            int index = (int) ((v - first) / (last - first) * bins);
            if (index == bins) {
                index--;
            }
            if (v < edges[index]) {
                index--;
            } else if (index != bins - 1 && v >= edges[index + 1]) {
                index++;
            }
            counts[index]++;
        }
        double[] shares = new double[bins];
        for (int i = 0; i < bins; i++) {
            shares[i] = (double) counts[i] / values.length;
        }
        return shares;
    }

    private static double[] fillZeroes(double[] shares) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double s : shares) {
            if (s != 0) {
                smallest = Math.min(smallest, s);
            }
        }
        double fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        double[] filled = shares.clone();
        for (int i = 0; i < filled.length; i++) {
            if (filled[i] == 0) {
                filled[i] = fill;
            }
        }
        return filled;
    }

    private static double[] finite(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).toArray();
    }

    private static int distinct(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                n++;
            }
        }
        return n;
    }
}

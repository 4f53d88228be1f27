package io.vishwaops.monitoring.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reference and current shares of a column over common bins, for people to look at: equal-width bins over the
 * combined range for numbers, the most frequent categories (the rest pooled) for categories.
 */
public record Histogram(List<String> bins, double[] reference, double[] current) {

    static final int NUMERIC_BINS = 20;
    static final int MAX_CATEGORIES = 20;

    static Histogram numeric(double[] reference, double[] current) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] sample : new double[][] {reference, current}) {
            for (double v : sample) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            return new Histogram(List.of(), new double[0], new double[0]);
        }
        java.util.TreeSet<Double> distinct = new java.util.TreeSet<>();
        for (double[] sample : new double[][] {reference, current}) {
            for (double v : sample) {
                if (Double.isFinite(v) && distinct.add(v) && distinct.size() > NUMERIC_BINS) {
                    break;
                }
            }
        }
        if (distinct.size() <= NUMERIC_BINS) {
            // few values (counts, ratings): one bar per value reads better than equal-width bins
            List<Double> values = new ArrayList<>(distinct);
            return new Histogram(values.stream().map(Histogram::format).toList(), valueShares(reference, values),
                    valueShares(current, values));
        }
        int bins = min == max ? 1 : NUMERIC_BINS;
        double width = min == max ? 1 : (max - min) / bins;
        List<String> labels = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            labels.add(format(min + b * width));
        }
        return new Histogram(labels, shares(reference, min, width, bins), shares(current, min, width, bins));
    }

    private static double[] shares(double[] values, double min, double width, int bins) {
        double[] counts = new double[bins];
        long n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                counts[Math.min(bins - 1, (int) ((v - min) / width))]++;
                n++;
            }
        }
        if (n > 0) {
            for (int b = 0; b < bins; b++) {
                counts[b] /= n;
            }
        }
        return counts;
    }

    private static double[] valueShares(double[] sample, List<Double> values) {
        double[] shares = new double[values.size()];
        long n = 0;
        for (double v : sample) {
            int i = java.util.Collections.binarySearch(values, v);
            if (Double.isFinite(v) && i >= 0) {
                shares[i]++;
                n++;
            }
        }
        if (n > 0) {
            for (int i = 0; i < shares.length; i++) {
                shares[i] /= n;
            }
        }
        return shares;
    }

    static Histogram categorical(String[] reference, String[] current) {
        Map<String, double[]> counts = new HashMap<>();
        double[] totals = new double[2];
        count(reference, 0, counts, totals);
        count(current, 1, counts, totals);
        List<Map.Entry<String, double[]>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -(share(e.getValue()[0], totals[0])
                + share(e.getValue()[1], totals[1]))).thenComparing(Map.Entry::getKey));
        int shown = Math.min(ranked.size(), MAX_CATEGORIES);
        boolean pooled = ranked.size() > MAX_CATEGORIES;
        List<String> labels = new ArrayList<>();
        double[] ref = new double[shown + (pooled ? 1 : 0)];
        double[] cur = new double[ref.length];
        for (int i = 0; i < ranked.size(); i++) {
            int bin = Math.min(i, shown);
            if (i < shown) {
                labels.add(ranked.get(i).getKey());
            }
            ref[bin] += share(ranked.get(i).getValue()[0], totals[0]);
            cur[bin] += share(ranked.get(i).getValue()[1], totals[1]);
        }
        if (pooled) {
            labels.add("(" + (ranked.size() - shown) + " more)");
        }
        return new Histogram(labels, ref, cur);
    }

    private static void count(String[] values, int side, Map<String, double[]> counts, double[] totals) {
        for (String v : values) {
            if (v != null) {
                counts.computeIfAbsent(v, k -> new double[2])[side]++;
                totals[side]++;
            }
        }
    }

    private static double share(double count, double total) {
        return total == 0 ? 0 : count / total;
    }

    private static String format(double v) {
        return Math.abs(v) >= 1e4 || (v != 0 && Math.abs(v) < 1e-2) ? String.format("%.3g", v)
                : String.format("%.2f", v).replaceAll("\\.?0+$", "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && bins.equals(h.bins) && Arrays.equals(reference, h.reference)
                && Arrays.equals(current, h.current);
    }

    @Override
    public int hashCode() {
        return bins.hashCode() * 31 + Arrays.hashCode(reference) * 17 + Arrays.hashCode(current);
    }

    @Override
    public String toString() {
        return "Histogram" + bins;
    }
}

package io.vishwaops.feature.snapshot;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import io.vishwaops.contracts.datasets.ColumnSpec;

import tools.jackson.databind.JsonNode;

/**
 * Profiles a snapshot's columns in one pass over its rows, in bounded memory: distinct values are counted up to a
 * cap and numbers kept for quantiles up to a sample size (a reservoir seeded the same way every time, so the same
 * rows in the same order give the same profile). Columns are the schema's, in order; a field the schema does not
 * define (one from an older schema version) is profiled after them.
 */
final class ColumnProfiler {

    private static final double[] QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};
    private static final String[] QUANTILE_NAMES = {"p5", "p25", "p50", "p75", "p95"};

    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final TreeSet<String> extra = new TreeSet<>();
    private final int distinctCap;
    private final int topCategories;
    private final int quantileSample;
    private long rows;

    ColumnProfiler(List<ColumnSpec> schema, int distinctCap, int topCategories, int quantileSample) {
        this.distinctCap = distinctCap;
        this.topCategories = topCategories;
        this.quantileSample = quantileSample;
        for (ColumnSpec spec : schema) {
            columns.put(spec.name(), new Column(spec.name(), spec.type()));
        }
    }

    void add(JsonNode values) {
        rows++;
        for (Map.Entry<String, JsonNode> field : values.properties()) {
            if (field.getValue().isNull()) {
                continue;
            }
            Column column = columns.get(field.getKey());
            if (column == null) {
                column = new Column(field.getKey(), null);
                columns.put(field.getKey(), column);
                extra.add(field.getKey());
            }
            column.add(field.getValue());
        }
    }

    /** The column names: the schema's in order, then fields it does not define, by name. */
    List<String> columnNames() {
        List<String> names = new ArrayList<>();
        columns.keySet().stream().filter(name -> !extra.contains(name)).forEach(names::add);
        names.addAll(extra);
        return names;
    }

    List<ColumnProfile> finish() {
        return columnNames().stream().map(name -> columns.get(name).profile()).toList();
    }

    private final class Column {

        private final String name;
        private final String type;
        private final Map<String, long[]> counts = new HashMap<>();
        private final SplittableRandom random = new SplittableRandom(0x5eed);
        private boolean capped;
        private long count;
        // numbers: Welford's running mean and sum of squared deviations, and a sample for quantiles
        private long numbers;
        private double mean;
        private double m2;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private double[] sample = new double[16];
        private int sampled;
        private Instant earliest;
        private Instant latest;

        Column(String name, String type) {
            this.name = name;
            this.type = type;
        }

        void add(JsonNode value) {
            count++;
            String text = CanonicalRow.text(value);
            long[] seen = counts.get(text);
            if (seen != null) {
                seen[0]++;
            }
            else if (counts.size() < distinctCap) {
                counts.put(text, new long[] {1});
            }
            else {
                capped = true;
            }
            if (value.isNumber()) {
                number(value.doubleValue());
            }
            else if ("timestamp".equals(type) && value.isString()) {
                timestamp(value.stringValue());
            }
        }

        private void number(double x) {
            numbers++;
            double delta = x - mean;
            mean += delta / numbers;
            m2 += delta * (x - mean);
            min = Math.min(min, x);
            max = Math.max(max, x);
            if (sampled < quantileSample) {
                if (sampled == sample.length) {
                    sample = Arrays.copyOf(sample, Math.min(quantileSample, sample.length * 2));
                }
                sample[sampled++] = x;
            }
            else {
                long slot = random.nextLong(numbers);
                if (slot < quantileSample) {
                    sample[(int) slot] = x;
                }
            }
        }

        private void timestamp(String text) {
            try {
                Instant at = Instant.parse(text);
                earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
                latest = latest == null || at.isAfter(latest) ? at : latest;
            }
            catch (DateTimeParseException ignored) {
                // validation stores timestamps as ISO-8601 instants; anything else is simply not ranged
            }
        }

        ColumnProfile profile() {
            boolean numeric = numbers > 0 && numbers == count;
            Map<String, Double> quantiles = null;
            if (numeric) {
                double[] sorted = Arrays.copyOf(sample, sampled);
                Arrays.sort(sorted);
                quantiles = new LinkedHashMap<>();
                for (int i = 0; i < QUANTILES.length; i++) {
                    quantiles.put(QUANTILE_NAMES[i], quantile(sorted, QUANTILES[i]));
                }
            }
            List<ColumnProfile.Category> top = numeric || "timestamp".equals(type) ? null
                    : counts.entrySet().stream()
                            .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                                    .thenComparing(Map.Entry::getKey))
                            .limit(topCategories)
                            .map(e -> new ColumnProfile.Category(e.getKey(), e.getValue()[0]))
                            .toList();
            return new ColumnProfile(name, type, count, rows - count, counts.size(), capped,
                    numeric ? min : null, numeric ? max : null, numeric ? mean : null,
                    numeric && numbers > 1 ? Math.sqrt(m2 / (numbers - 1)) : null, quantiles,
                    numeric ? numbers <= quantileSample : null, top,
                    earliest == null ? null : earliest.toString(), latest == null ? null : latest.toString());
        }
    }

    /** Linear interpolation between the closest ranks (numpy's default, R's type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}

package io.vishwaops.monitoring.drift;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.vishwaops.mlcore.bundle.ReferenceProfile;
import io.vishwaops.mlcore.drift.DriftMethod;
import io.vishwaops.mlcore.drift.DriftResult;
import io.vishwaops.mlcore.drift.DriftTest;
import io.vishwaops.monitoring.MonitoringProperties;
import io.vishwaops.monitoring.policy.EffectivePolicy;
import io.vishwaops.monitoring.window.Column;
import io.vishwaops.monitoring.window.MonitoredVersion;
import io.vishwaops.monitoring.window.VersionWindow;

import org.springframework.stereotype.Component;

/**
 * Compares a version's window with its reference profile, column by column (the columns in parallel), with the
 * statistics of ml-core: Evidently's default method per column unless the policy names one, and the dataset
 * verdict by the policy's drift share. Missing values are left out on both sides, as Evidently does.
 */
@Component
public class DriftEvaluator {

    private final MonitoringProperties properties;
    private final Clock clock;

    DriftEvaluator(MonitoringProperties properties) {
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** A report, and per column the histograms a person compares when {@code withHistograms}. */
    public record Evaluation(DriftReport report, Map<String, Histogram> histograms) {
    }

    public Evaluation evaluate(MonitoredVersion version, EffectivePolicy policy, boolean withHistograms) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(properties.window().maxAge());
        VersionWindow window = version.window();
        long seen = window.appended();
        VersionWindow.Selection selection = window.select(windowStart.toEpochMilli());
        ReferenceProfile reference = version.bundle().reference();
        List<Column> columns = window.columns();
        Map<String, Histogram> histograms = withHistograms ? new java.util.concurrent.ConcurrentHashMap<>() : Map.of();
        ColumnDrift[] results = new ColumnDrift[columns.size()];
        IntStream.range(0, columns.size()).parallel().forEach(c -> results[c] = column(window, c, columns.get(c),
                selection, reference, policy, withHistograms ? histograms : null));
        List<ColumnDrift> features = new ArrayList<>();
        ColumnDrift prediction = null;
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).isPrediction()) {
                prediction = results[c];
            } else {
                features.add(results[c]);
            }
        }
        List<ColumnDrift> tested = new ArrayList<>();
        for (ColumnDrift r : results) {
            if (r.tested()) {
                tested.add(r);
            }
        }
        int drifted = (int) tested.stream().filter(ColumnDrift::drifted).count();
        double share = tested.isEmpty() ? 0 : (double) drifted / tested.size();
        var dataset = new DriftReport.Dataset(drifted, tested.size(), share, policy.driftShare(),
                !tested.isEmpty() && share >= policy.driftShare());
        var report = new DriftReport(window.model(), window.version(), selection.size(), window.capacity(),
                seen, windowStart, now, features, prediction, dataset);
        return new Evaluation(report, withHistograms ? new LinkedHashMap<>(ordered(histograms, columns)) : Map.of());
    }

    private static Map<String, Histogram> ordered(Map<String, Histogram> histograms, List<Column> columns) {
        Map<String, Histogram> out = new LinkedHashMap<>();
        for (Column c : columns) {
            if (histograms.containsKey(c.name())) {
                out.put(c.name(), histograms.get(c.name()));
            }
        }
        return out;
    }

    private static ColumnDrift column(VersionWindow window, int index, Column column, VersionWindow.Selection selection,
            ReferenceProfile reference, EffectivePolicy policy, Map<String, Histogram> histograms) {
        String kind = column.numeric() ? "numeric" : "categorical";
        EffectivePolicy.FeatureRule rule = policy.rule(column.name());
        if (column.numeric()) {
            double[] ref = column.isPrediction() ? reference.numericPredictions() : reference.numeric().get(column.name());
            double[] cur = window.numbers(index, selection);
            int present = countFinite(cur);
            if (histograms != null && ref != null) {
                histograms.put(column.name(), Histogram.numeric(ref, cur));
            }
            if (ref == null || ref.length == 0) {
                return untested(column, kind, present, 0, "the reference profile has no values of it");
            }
            if (present == 0) {
                return untested(column, kind, 0, ref.length, "no values in the window");
            }
            try {
                DriftMethod method = rule.method() != null ? rule.method() : DefaultMethod.numeric(ref, cur);
                return tested(column, kind, DriftTest.numeric(ref, cur, method, rule.threshold()), present, ref.length);
            } catch (IllegalArgumentException e) {
                return untested(column, kind, present, ref.length, e.getMessage());
            }
        }
        String[] ref = column.isPrediction() ? reference.classPredictions() : reference.categorical().get(column.name());
        String[] cur = window.categories(index, selection);
        int present = countPresent(cur);
        if (histograms != null && ref != null) {
            histograms.put(column.name(), Histogram.categorical(ref, cur));
        }
        if (ref == null || ref.length == 0) {
            return untested(column, kind, present, 0, "the reference profile has no values of it");
        }
        if (present == 0) {
            return untested(column, kind, 0, ref.length, "no values in the window");
        }
        try {
            return tested(column, kind, DriftTest.categorical(ref, cur, rule.method(), rule.threshold()), present, ref.length);
        } catch (IllegalArgumentException e) {
            return untested(column, kind, present, ref.length, e.getMessage());
        }
    }

    private static ColumnDrift tested(Column column, String kind, DriftResult r, int present, int referenceSize) {
        return new ColumnDrift(column.name(), kind, r.method().stattest(), r.score(), r.threshold(), r.drifted(), present,
                referenceSize, null);
    }

    private static ColumnDrift untested(Column column, String kind, int present, int referenceSize, String problem) {
        return new ColumnDrift(column.name(), kind, null, null, null, false, present, referenceSize, problem);
    }

    private static int countFinite(double[] values) {
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                n++;
            }
        }
        return n;
    }

    private static int countPresent(String[] values) {
        int n = 0;
        for (String v : values) {
            if (v != null) {
                n++;
            }
        }
        return n;
    }
}

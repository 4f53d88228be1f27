package io.vishwaops.monitoring.performance;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.metrics.ClassificationMetrics;
import io.vishwaops.mlcore.metrics.ConfusionMatrix;
import io.vishwaops.mlcore.metrics.RegressionMetrics;
import io.vishwaops.monitoring.MonitoringProperties;
import io.vishwaops.monitoring.policy.EffectivePolicy;

import org.springframework.stereotype.Component;

/**
 * Live metrics from joined labels, with ml-core's metrics: accuracy, macro F1 and AUC (binary, or one-vs-rest
 * macro over the classes present) for classifiers, RMSE and MAE for regression; each compared with the version's
 * test metric of the same name ({@code accuracy}, {@code f1_macro}, {@code auc}, {@code rmse}, {@code mae}).
 */
@Component
public class LivePerformance {

    private final Labels labels;
    private final MonitoringProperties properties;
    private final Clock clock;

    LivePerformance(Labels labels, MonitoringProperties properties) {
        this.labels = labels;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    public PerformanceReport evaluate(String model, String version, ModelBundle bundle, EffectivePolicy policy) {
        Instant now = clock.instant();
        Instant since = now.minus(properties.performance().maxAge());
        List<Labels.Labelled> rows = labels.labelled(model, version, since, properties.performance().windowSize());
        List<PerformanceReport.Metric> metrics = bundle.isClassifier()
                ? classification(rows, bundle.signature().classNames(), bundle.metrics())
                : regression(rows, bundle.metrics());
        int used = bundle.isClassifier() ? countClassified(rows, bundle.signature().classNames()) : countNumeric(rows);
        PerformanceReport.Metric worst = metrics.stream().filter(m -> m.decay() != null && !Double.isNaN(m.decay()))
                .max(Comparator.comparingDouble(PerformanceReport.Metric::decay)).orElse(null);
        boolean degraded = used >= policy.minLabelled() && worst != null && worst.decay() > policy.maxDecay();
        return new PerformanceReport(model, version, bundle.isClassifier() ? "classification" : "regression", used,
                policy.minLabelled(), policy.maxDecay(), since, now, metrics, degraded, worst);
    }

    private static List<PerformanceReport.Metric> classification(List<Labels.Labelled> rows, List<String> classes,
            Map<String, Double> test) {
        List<int[]> pairs = new ArrayList<>();
        List<double[]> probabilities = new ArrayList<>();
        boolean allProbabilities = true;
        for (Labels.Labelled row : rows) {
            int truth = classes.indexOf(row.actualLabel());
            int predicted = classes.indexOf(row.predictedLabel());
            if (truth < 0 || predicted < 0) {
                continue;
            }
            pairs.add(new int[] {truth, predicted});
            double[] p = new double[classes.size()];
            for (int k = 0; k < classes.size(); k++) {
                Double v = row.probabilities().get(classes.get(k));
                if (v == null) {
                    allProbabilities = false;
                }
                p[k] = v == null ? Double.NaN : v;
            }
            probabilities.add(p);
        }
        List<PerformanceReport.Metric> out = new ArrayList<>();
        if (pairs.isEmpty()) {
            return out;
        }
        int[] truth = pairs.stream().mapToInt(p -> p[0]).toArray();
        int[] predicted = pairs.stream().mapToInt(p -> p[1]).toArray();
        ConfusionMatrix matrix = ConfusionMatrix.of(truth, predicted, classes.size());
        out.add(metric("accuracy", matrix.accuracy(), test, true));
        out.add(metric("f1_macro", matrix.macroF1(), test, true));
        if (allProbabilities) {
            double[][] p = probabilities.toArray(double[][]::new);
            double auc = classes.size() == 2 ? ClassificationMetrics.rocAuc(truth, p)
                    : ClassificationMetrics.rocAucOneVsRest(truth, p);
            out.add(metric("auc", auc, test, true));
        }
        return out;
    }

    private static List<PerformanceReport.Metric> regression(List<Labels.Labelled> rows, Map<String, Double> test) {
        List<double[]> pairs = new ArrayList<>();
        for (Labels.Labelled row : rows) {
            if (row.actualValue() != null && row.predictedValue() != null) {
                pairs.add(new double[] {row.actualValue(), row.predictedValue()});
            }
        }
        List<PerformanceReport.Metric> out = new ArrayList<>();
        if (pairs.isEmpty()) {
            return out;
        }
        double[] truth = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] predicted = pairs.stream().mapToDouble(p -> p[1]).toArray();
        out.add(metric("rmse", RegressionMetrics.rmse(truth, predicted), test, false));
        out.add(metric("mae", RegressionMetrics.mae(truth, predicted), test, false));
        return out;
    }

    private static PerformanceReport.Metric metric(String name, double live, Map<String, Double> test,
            boolean higherIsBetter) {
        Double reference = test.get(name);
        Double decay = null;
        if (reference != null && reference != 0 && !Double.isNaN(live)) {
            decay = higherIsBetter ? (reference - live) / Math.abs(reference) : (live - reference) / Math.abs(reference);
        }
        return new PerformanceReport.Metric(name, live, reference, decay, higherIsBetter);
    }

    private static int countClassified(List<Labels.Labelled> rows, List<String> classes) {
        return (int) rows.stream().filter(r -> classes.contains(r.actualLabel()) && classes.contains(r.predictedLabel()))
                .count();
    }

    private static int countNumeric(List<Labels.Labelled> rows) {
        return (int) rows.stream().filter(r -> r.actualValue() != null && r.predictedValue() != null).count();
    }
}

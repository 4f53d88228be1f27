package io.vishwaops.monitoring.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vishwaops.monitoring.drift.ColumnDrift;
import io.vishwaops.monitoring.drift.DriftReport;
import io.vishwaops.monitoring.performance.PerformanceReport;

import org.springframework.stereotype.Component;

/**
 * The latest evaluation as Prometheus gauges, per model, version and feature. Each round replaces all rows, so a
 * version that is no longer evaluated (no predictions within the window's age) disappears from the scrape.
 */
@Component
class MonitoringGauges {

    private final MultiGauge driftScore;
    private final MultiGauge featureDrifted;
    private final MultiGauge datasetDrifted;
    private final MultiGauge driftedShare;
    private final MultiGauge windowSize;
    private final MultiGauge liveMetric;
    private final MultiGauge metricDecay;
    private final MultiGauge labelled;
    private final MultiGauge degraded;

    MonitoringGauges(MeterRegistry meters) {
        driftScore = gauge(meters, "vops.monitoring.drift.score",
                "A column's drift score: the p-value (ks, chisquare, z) or the distance (wasserstein, jensenshannon, psi)");
        featureDrifted = gauge(meters, "vops.monitoring.feature.drifted", "1 when the column drifted, else 0");
        datasetDrifted = gauge(meters, "vops.monitoring.dataset.drifted",
                "1 when at least the policy's share of columns drifted, else 0");
        driftedShare = gauge(meters, "vops.monitoring.drifted.share", "The share of tested columns that drifted");
        windowSize = gauge(meters, "vops.monitoring.window.size", "Predictions in the drift window");
        liveMetric = gauge(meters, "vops.monitoring.live.metric", "A live metric over the labelled predictions");
        metricDecay = gauge(meters, "vops.monitoring.metric.decay",
                "How much worse the live metric is than the test metric, relative to it");
        labelled = gauge(meters, "vops.monitoring.labelled", "Labelled predictions the live metrics are computed over");
        degraded = gauge(meters, "vops.monitoring.performance.degraded",
                "1 when a live metric decayed beyond the model's policy on enough labels, else 0");
    }

    private static MultiGauge gauge(MeterRegistry meters, String name, String description) {
        return MultiGauge.builder(name).description(description).register(meters);
    }

    void update(Collection<DriftReport> drift, Collection<PerformanceReport> performance) {
        List<MultiGauge.Row<?>> scores = new ArrayList<>();
        List<MultiGauge.Row<?>> drifted = new ArrayList<>();
        List<MultiGauge.Row<?>> datasets = new ArrayList<>();
        List<MultiGauge.Row<?>> shares = new ArrayList<>();
        List<MultiGauge.Row<?>> sizes = new ArrayList<>();
        for (DriftReport r : drift) {
            Tags version = Tags.of("model", r.model(), "version", r.version());
            for (ColumnDrift c : r.columns()) {
                if (c.tested()) {
                    Tags tags = version.and("feature", c.feature(), "method", c.method());
                    scores.add(MultiGauge.Row.of(tags, c.score()));
                    drifted.add(MultiGauge.Row.of(version.and("feature", c.feature()), c.drifted() ? 1 : 0));
                }
            }
            datasets.add(MultiGauge.Row.of(version, r.dataset().drifted() ? 1 : 0));
            shares.add(MultiGauge.Row.of(version, r.dataset().share()));
            sizes.add(MultiGauge.Row.of(version, r.windowSize()));
        }
        List<MultiGauge.Row<?>> live = new ArrayList<>();
        List<MultiGauge.Row<?>> decays = new ArrayList<>();
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        List<MultiGauge.Row<?>> verdicts = new ArrayList<>();
        for (PerformanceReport r : performance) {
            Tags version = Tags.of("model", r.model(), "version", r.version());
            counts.add(MultiGauge.Row.of(version, r.labelled()));
            verdicts.add(MultiGauge.Row.of(version, r.degraded() ? 1 : 0));
            for (PerformanceReport.Metric m : r.metrics()) {
                if (!Double.isNaN(m.live())) {
                    live.add(MultiGauge.Row.of(version.and("metric", m.name()), m.live()));
                }
                if (m.decay() != null) {
                    decays.add(MultiGauge.Row.of(version.and("metric", m.name()), m.decay()));
                }
            }
        }
        driftScore.register(scores, true);
        featureDrifted.register(drifted, true);
        datasetDrifted.register(datasets, true);
        driftedShare.register(shares, true);
        windowSize.register(sizes, true);
        liveMetric.register(live, true);
        metricDecay.register(decays, true);
        labelled.register(counts, true);
        degraded.register(verdicts, true);
    }
}

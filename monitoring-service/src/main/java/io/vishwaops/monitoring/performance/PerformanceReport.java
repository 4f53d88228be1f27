package io.vishwaops.monitoring.performance;

import java.time.Instant;
import java.util.List;

/**
 * A version's live metrics over its labelled predictions, against its test metrics.
 *
 * @param labelled labelled live predictions the metrics are computed over
 * @param metrics one entry per metric the version has both live and at test
 * @param degraded whether a metric decayed beyond the policy's maximum on at least {@code minLabelled} labels
 * @param worst the metric that decayed most, or null when there are none
 */
public record PerformanceReport(String model, String version, String task, int labelled, int minLabelled,
        double maxDecay, Instant since, Instant evaluatedAt, List<Metric> metrics, boolean degraded, Metric worst) {

    /**
     * @param live the metric over the live window (NaN when undefined, e.g. AUC with one class present)
     * @param test the version's metric on its held-out test part, or null when training did not log it
     * @param decay how much worse live is than test, relative to test (positive: worse); null without a test value
     * @param higherIsBetter accuracy, F1, AUC; RMSE and MAE are lower-is-better
     */
    public record Metric(String name, double live, Double test, Double decay, boolean higherIsBetter) {
    }
}

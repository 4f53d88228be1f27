package io.vishwaops.monitoring.policy;

import java.util.Map;

/**
 * A model's own monitoring policy, as {@code PUT /api/v1/monitoring/models/{m}/policy} takes it. Every field may be
 * left out (null): it then comes from the service's configuration ({@code vops.monitoring.*}).
 *
 * @param features feature name to its drift method and threshold
 * @param driftShare the dataset drifted when at least this share of its columns drifted
 * @param maxDecay relative decay of a live metric against the test metric that counts as degraded
 * @param minLabelled no performance verdict on fewer labelled predictions
 * @param retraining when to ask for retraining
 */
public record MonitoringPolicy(Map<String, Feature> features, Double driftShare, Double maxDecay, Integer minLabelled,
        Retraining retraining) {

    /**
     * @param method {@code ks}, {@code chisquare}, {@code z}, {@code wasserstein}, {@code jensenshannon} or {@code psi}
     * @param threshold the method's threshold (a p-value for ks, chisquare and z; a distance otherwise)
     */
    public record Feature(String method, Double threshold) {
    }

    /**
     * @param coolDown a duration ({@code 6h}, {@code PT6H}): no request within this long of the model's last one
     */
    public record Retraining(Boolean onDrift, Boolean onDecay, Integer minSamples, String coolDown, Integer maxPerDay) {
    }

    static MonitoringPolicy none() {
        return new MonitoringPolicy(Map.of(), null, null, null, null);
    }
}

package io.vishwaops.monitoring.policy;

import java.time.Duration;
import java.util.Map;

import io.vishwaops.mlcore.drift.DriftMethod;

/**
 * A model's policy with every gap filled from the configuration: what evaluation applies.
 *
 * @param features feature name to its method and threshold overrides (either may be null: Evidently's default)
 */
public record EffectivePolicy(Map<String, FeatureRule> features, double driftShare, double maxDecay, int minLabelled,
        boolean retrainOnDrift, boolean retrainOnDecay, int minSamples, Duration coolDown, int maxPerDay) {

    /** A feature's method (null: the default for its data) and threshold (null: the method's default). */
    public record FeatureRule(DriftMethod method, Double threshold) {
    }

    public FeatureRule rule(String feature) {
        return features.getOrDefault(feature, new FeatureRule(null, null));
    }
}

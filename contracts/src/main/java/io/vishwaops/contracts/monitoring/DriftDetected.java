package io.vishwaops.contracts.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * The inputs or predictions of a model version drifted from its reference profile. Keyed by model name.
 *
 * @param driftedShare the share of features that drifted
 * @param features per-feature results
 */
public record DriftDetected(String model, String version, double driftedShare, List<FeatureDrift> features,
        long windowSize, Instant detectedAt) {

    /** One feature's test. {@code method} is e.g. {@code ks}, {@code chi2}, {@code wasserstein}, {@code jensen-shannon}, {@code psi}. */
    public record FeatureDrift(String feature, String method, double score, double threshold, boolean drifted) {
    }
}

package io.vishwaops.mlcore.drift;

import java.util.Collection;

/**
 * Whether a dataset drifted as a whole: Evidently's rule, the share of drifted features at or above a drift share
 * (0.5 by default).
 *
 * @param driftedFeatures how many features drifted
 * @param features how many were tested
 * @param share driftedFeatures / features
 * @param drifted share ≥ the drift share
 */
public record DatasetDrift(int driftedFeatures, int features, double share, boolean drifted) {

    public static final double DEFAULT_DRIFT_SHARE = 0.5;

    public static DatasetDrift of(Collection<DriftResult> results) {
        return of(results, DEFAULT_DRIFT_SHARE);
    }

    public static DatasetDrift of(Collection<DriftResult> results, double driftShare) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("dataset drift needs at least one feature");
        }
        int drifted = (int) results.stream().filter(DriftResult::drifted).count();
        double share = (double) drifted / results.size();
        return new DatasetDrift(drifted, results.size(), share, share >= driftShare);
    }
}

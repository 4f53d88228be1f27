package io.vishwaops.mlcore.drift;

/**
 * One feature's drift verdict.
 *
 * @param method the statistic used
 * @param score what Evidently calls the drift score: the p-value for KS, χ² and Z, the distance or index otherwise
 * @param threshold the threshold applied
 * @param drifted whether the score crosses the threshold in the method's sense
 * @param pValue the p-value for the p-value methods, {@code null} for the distances
 */
public record DriftResult(DriftMethod method, double score, double threshold, boolean drifted, Double pValue) {

    static DriftResult of(DriftMethod method, double score, double threshold) {
        return new DriftResult(method, score, threshold, method.drifted(score, threshold),
                method.isPValue() ? score : null);
    }
}

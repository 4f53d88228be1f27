package io.vishwaops.monitoring.drift;

import java.time.Instant;
import java.util.List;

/**
 * A model version's window compared with its reference profile.
 *
 * @param windowSize predictions in the window (the last {@code windowCapacity}, predicted since {@code windowStart})
 * @param predictionsSeen predictions of the version taken in by this instance since it started watching it
 * @param features the input columns
 * @param prediction the prediction column
 * @param dataset the verdict over all tested columns, inputs and prediction
 */
public record DriftReport(String model, String version, int windowSize, int windowCapacity, long predictionsSeen,
        Instant windowStart,
        Instant evaluatedAt, List<ColumnDrift> features, ColumnDrift prediction, Dataset dataset) {

    /**
     * @param driftedColumns how many tested columns drifted
     * @param columns how many columns were tested
     * @param share driftedColumns / columns
     * @param driftShare the policy's share at or above which the dataset drifted
     */
    public record Dataset(int driftedColumns, int columns, double share, double driftShare, boolean drifted) {
    }

    /** The inputs and the prediction, in that order. */
    public List<ColumnDrift> columns() {
        return java.util.stream.Stream.concat(features.stream(), java.util.stream.Stream.ofNullable(prediction)).toList();
    }
}

package io.vishwaops.mlcore.select;

import java.time.Duration;
import java.util.Map;

import io.vishwaops.mlcore.train.Algorithm;

/**
 * One candidate configuration scored by cross-validation.
 *
 * @param index the trial's position in the search (0 is the baseline unless the spec lists it); its seed derives
 *              from the spec's seed and this index
 * @param parameters the hyper-parameters with defaults filled in, as {@code Trainers.create} takes them back; the
 *                   combination as given when it was invalid
 * @param cvMean metric name ({@link Evaluation#metrics}) to its mean over the folds; a metric undefined on every fold
 *               (AUC on folds holding one class) is left out
 * @param cvStd the population standard deviation over the folds, same keys
 * @param primary the mean of the spec's primary metric; NaN when the trial failed
 * @param fitTime wall time of the whole trial: every fold's fit and evaluation
 * @param error why the trial failed (invalid hyper-parameters, a fold the algorithm could not fit), null otherwise
 */
public record Trial(int index, Algorithm algorithm, Map<String, Object> parameters, Map<String, Double> cvMean,
        Map<String, Double> cvStd, double primary, Duration fitTime, String error) {

    public boolean failed() {
        return error != null;
    }
}

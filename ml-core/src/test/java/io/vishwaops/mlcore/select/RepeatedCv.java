package io.vishwaops.mlcore.select;

import java.util.ArrayList;
import java.util.List;

import io.vishwaops.mlcore.train.TrainingSet;

/**
 * The protocol of the published results we compare with: k-fold cross-validation over the whole data set, repeated
 * with different fold assignments (one spec seed per repetition), each trial's score averaged over the repetitions.
 */
final class RepeatedCv {

    /** One configuration's score: the mean over repetitions and the standard deviation of the repetition means. */
    record Score(Trial trial, double mean, double std, List<Double> perRepetition) {
    }

    private RepeatedCv() {
    }

    /** Every trial of the spec, in trial index order, scored over {@code repetitions} seeds from {@code firstSeed}. */
    static List<Score> run(SelectionSpec spec, TrainingSet data, int repetitions, long firstSeed) {
        List<List<Double>> scores = new ArrayList<>();
        Trial[] trials = new Trial[ModelSelection.trialCount(spec)];
        for (int i = 0; i < trials.length; i++) {
            scores.add(new ArrayList<>());
        }
        for (int r = 0; r < repetitions; r++) {
            SelectionSpec repetition = new SelectionSpec(spec.task(), spec.candidates(), spec.strategy(),
                    spec.randomTrials(), spec.folds(), spec.primaryMetric(), firstSeed + r, spec.parallelism());
            for (Trial trial : ModelSelection.run(repetition, data, null, null).leaderboard()) {
                if (trial.failed()) {
                    throw new IllegalStateException(trial.algorithm() + " " + trial.parameters() + ": " + trial.error());
                }
                trials[trial.index()] = trial;
                scores.get(trial.index()).add(trial.primary());
            }
        }
        List<Score> out = new ArrayList<>();
        for (int i = 0; i < trials.length; i++) {
            List<Double> values = scores.get(i);
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.size();
            out.add(new Score(trials[i], mean, Math.sqrt(variance), List.copyOf(values)));
        }
        return out;
    }

    /** The best score by the spec's primary metric, ties to the lower index. */
    static Score best(List<Score> scores, String metric) {
        boolean higher = Evaluation.higherIsBetter(metric);
        Score best = scores.getFirst();
        for (Score s : scores) {
            if (higher ? s.mean() > best.mean() : s.mean() < best.mean()) {
                best = s;
            }
        }
        return best;
    }
}

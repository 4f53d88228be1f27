package io.vishwaops.mlcore.train;

import java.util.Map;

/**
 * One algorithm with validated hyper-parameters, for one task. Fitting is deterministic: the same training set and
 * seed give a model with the same predictions. A trainer holds no state between fits and can be shared by threads.
 */
public interface Trainer {

    Algorithm algorithm();

    Task task();

    /** The hyper-parameters, defaults filled in: what a run logs. */
    Map<String, Object> parameters();

    /** Fits a model; the data's task must be this trainer's. */
    Model fit(TrainingSet data, long seed);
}

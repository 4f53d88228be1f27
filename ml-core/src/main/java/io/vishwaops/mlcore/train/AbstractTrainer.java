package io.vishwaops.mlcore.train;

import java.util.Map;

/** What every trainer shares: its identity, its resolved parameters and the check that the data fits its task. */
abstract class AbstractTrainer implements Trainer {

    private final Algorithm algorithm;
    private final Task task;
    private Map<String, Object> parameters = Map.of();

    AbstractTrainer(Algorithm algorithm, Task task) {
        this.algorithm = algorithm;
        this.task = task;
    }

    /** Subclasses read their parameters, then hand over the resolved set, which rejects unknown names. */
    final void parameters(HyperParameters params) {
        this.parameters = params.done();
    }

    @Override
    public final Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public final Task task() {
        return task;
    }

    @Override
    public final Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public final Model fit(TrainingSet data, long seed) {
        if (data.task() != task) {
            throw new IllegalArgumentException(algorithm.id() + " was set up for " + task + " but the data is "
                    + data.task() + (data.isClassification() ? " (" + data.classNames().size() + " classes)" : ""));
        }
        return doFit(data, seed);
    }

    abstract Model doFit(TrainingSet data, long seed);

    static void checkRow(double[] row, int featureCount) {
        if (row == null || row.length != featureCount) {
            throw new IllegalArgumentException("expected " + featureCount + " features, got "
                    + (row == null ? "none" : row.length));
        }
    }
}

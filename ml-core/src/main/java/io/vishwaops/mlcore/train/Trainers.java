package io.vishwaops.mlcore.train;

import java.util.Map;
import java.util.Objects;

/** Makes trainers by algorithm, task and hyper-parameters; parameters are checked here, before any data is read. */
public final class Trainers {

    private Trainers() {
    }

    public static Trainer create(String algorithm, Task task, Map<String, ?> parameters) {
        return create(Algorithm.of(algorithm), task, parameters);
    }

    /**
     * @throws InvalidHyperParameterException naming the parameter that is unknown, mistyped or out of range
     * @throws IllegalArgumentException when the algorithm does not do this task
     */
    public static Trainer create(Algorithm algorithm, Task task, Map<String, ?> parameters) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(task, "task");
        if (!algorithm.supports(task)) {
            throw new IllegalArgumentException(algorithm.id() + " does not do " + task.name().toLowerCase()
                    + (task == Task.REGRESSION ? "; for regression use one of the tree ensembles, mlp or xgboost" : ""));
        }
        HyperParameters params = new HyperParameters(algorithm, parameters);
        return switch (algorithm) {
            case BASELINE -> new BaselineTrainer(task, params);
            case XGBOOST -> new XGBoostTrainer(task, params);
            case MLP -> new MlpTrainer(task, params);
            default -> new SmileTrainer(algorithm, task, params);
        };
    }

    /**
     * Whether this algorithm can train on this machine: Smile's MLP needs the system OpenBLAS. Lets model selection
     * leave a candidate out with a reason instead of failing the job.
     */
    public static boolean isAvailable(Algorithm algorithm) {
        return algorithm != Algorithm.MLP || MlpTrainer.nativeLibraryAvailable();
    }
}

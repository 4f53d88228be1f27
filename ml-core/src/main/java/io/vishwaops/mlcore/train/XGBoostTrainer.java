package io.vishwaops.mlcore.train;

import java.util.HashMap;
import java.util.Map;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * XGBoost gradient boosting (histogram trees) through xgboost4j: logistic loss for binary, softmax probabilities
 * for multiclass, squared error for regression. One thread unless {@code threads} says otherwise, so parallel trials
 * share the cores they are given.
 */
final class XGBoostTrainer extends AbstractTrainer {

    private final int rounds;
    private final Map<String, Object> boosterParams = new HashMap<>();

    XGBoostTrainer(Task task, HyperParameters params) {
        super(Algorithm.XGBOOST, task);
        rounds = params.integer("trees", 100, 1, 100_000);
        boosterParams.put("max_depth", params.integer("max_depth", 6, 0, 1000));
        boosterParams.put("eta", params.real("learning_rate", 0.3, 0, true, 1));
        boosterParams.put("subsample", params.real("subsample", 1.0, 0, true, 1));
        boosterParams.put("colsample_bytree", params.real("colsample_bytree", 1.0, 0, true, 1));
        boosterParams.put("min_child_weight", params.real("min_child_weight", 1.0, 0, false, 1e9));
        boosterParams.put("lambda", params.real("reg_lambda", 1.0, 0, false, 1e9));
        boosterParams.put("alpha", params.real("reg_alpha", 0.0, 0, false, 1e9));
        boosterParams.put("nthread", params.integer("threads", 1, 1, 1024));
        boosterParams.put("tree_method", "hist");
        boosterParams.put("verbosity", 0);
        parameters(params);
    }

    @Override
    Model doFit(TrainingSet data, long seed) {
        Map<String, Object> params = new HashMap<>(boosterParams);
        // xgboost's seed is a 32-bit int: fold the long so both halves count
        params.put("seed", (int) (seed ^ (seed >>> 32)));
        float[] labels = new float[data.size()];
        switch (task()) {
            case BINARY -> params.put("objective", "binary:logistic");
            case MULTICLASS -> {
                params.put("objective", "multi:softprob");
                params.put("num_class", data.classNames().size());
            }
            case REGRESSION -> params.put("objective", "reg:squarederror");
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (float) (data.isClassification() ? data.labels()[i] : data.targets()[i]);
        }
        DMatrix matrix = null;
        Booster booster = null;
        try {
            matrix = XGBoostModel.matrix(data.features());
            matrix.setLabel(labels);
            booster = XGBoost.train(matrix, params, rounds, Map.of(), null, null);
            return XGBoostModel.of(task(), parameters(), data.classNames(), data.featureCount(), booster.toByteArray());
        } catch (XGBoostError e) {
            throw new IllegalStateException("xgboost failed to train: " + e.getMessage(), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }
}

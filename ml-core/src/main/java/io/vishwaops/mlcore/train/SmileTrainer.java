package io.vishwaops.mlcore.train;

import java.util.SplittableRandom;

import smile.classification.Classifier;
import smile.classification.DecisionTree;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.math.MathEx;
import smile.model.cart.Loss;
import smile.model.cart.SplitRule;
import smile.regression.Regression;
import smile.regression.RegressionTree;

/** Smile's logistic regression, CART decision tree, random forest and gradient tree boosting. */
final class SmileTrainer extends AbstractTrainer {

    private int maxIterations;
    private double lambda;
    private double tolerance;
    private int trees;
    private int mtry;
    private int maxDepth;
    private int maxNodes;
    private int nodeSize;
    private double subsample;
    private double shrinkage;
    private SplitRule splitRule = SplitRule.GINI;
    private boolean leastSquares;

    SmileTrainer(Algorithm algorithm, Task task, HyperParameters params) {
        super(algorithm, task);
        switch (algorithm) {
            case LOGISTIC_REGRESSION -> {
                lambda = params.real("lambda", 0.1, 0, false, 1e6);
                tolerance = params.real("tolerance", 1e-5, 0, true, 1);
                maxIterations = params.integer("max_iterations", 500, 1, 100_000);
            }
            case DECISION_TREE -> {
                maxDepth = params.integer("max_depth", 20, 2, 1000);
                maxNodes = params.integer("max_nodes", 0, 0, 1_000_000);
                nodeSize = params.integer("node_size", 5, 1, 1_000_000);
                splitRule(params, task);
            }
            case RANDOM_FOREST -> {
                trees = params.integer("trees", 100, 1, 10_000);
                mtry = params.integer("mtry", 0, 0, 100_000);
                maxDepth = params.integer("max_depth", 20, 2, 1000);
                maxNodes = params.integer("max_nodes", 0, 0, 1_000_000);
                nodeSize = params.integer("node_size", 5, 1, 1_000_000);
                subsample = params.real("subsample", 1.0, 0, true, 1);
                splitRule(params, task);
            }
            case GRADIENT_BOOSTING -> {
                trees = params.integer("trees", 100, 1, 10_000);
                maxDepth = params.integer("max_depth", 20, 2, 1000);
                maxNodes = params.integer("max_nodes", 6, 2, 1_000_000);
                nodeSize = params.integer("node_size", 5, 1, 1_000_000);
                shrinkage = params.real("learning_rate", 0.05, 0, true, 1);
                subsample = params.real("subsample", 0.7, 0, true, 1);
                if (task == Task.REGRESSION) {
                    leastSquares = params.choice("loss", "least_squares", "least_squares", "least_absolute_deviation")
                            .equals("least_squares");
                }
            }
            default -> throw new IllegalArgumentException("not a Smile trainer: " + algorithm);
        }
        parameters(params);
    }

    private void splitRule(HyperParameters params, Task task) {
        if (task.isClassification()) {
            splitRule = SplitRule.valueOf(params.choice("split_rule", "gini", "gini", "entropy", "classification_error")
                    .toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Override
    Model doFit(TrainingSet data, long seed) {
        // Smile draws from a per-thread generator: seed it on this thread, and give each forest tree its own seed
        // because the forest grows its trees on the common pool
        MathEx.setSeed(seed);
        long[] treeSeeds = new SplittableRandom(seed).longs(Math.max(trees, 1)).toArray();
        return data.isClassification() ? fitClassifier(data, treeSeeds) : fitRegression(data, treeSeeds);
    }

    private Model fitClassifier(TrainingSet data, long[] treeSeeds) {
        requireTwoClassesPresent(data);
        if (algorithm() == Algorithm.LOGISTIC_REGRESSION) {
            Standardization scaling = Standardization.fit(data.features());
            LogisticRegression model = LogisticRegression.fit(scaling.apply(data.features()), data.labels(),
                    new LogisticRegression.Options(lambda, tolerance, maxIterations));
            return new SmileClassificationModel(algorithm(), task(), parameters(), data.classNames(),
                    data.featureCount(), model, null, scaling);
        }
        DataFrame frame = SmileFrames.frame(data);
        Classifier<Tuple> model = switch (algorithm()) {
            case DECISION_TREE -> DecisionTree.fit(SmileFrames.formula(), frame,
                    new DecisionTree.Options(splitRule, maxDepth, leaves(data), nodeSize));
            case RANDOM_FOREST -> RandomForest.fit(SmileFrames.formula(), frame,
                    new RandomForest.Options(trees, mtry, splitRule, maxDepth, maxNodes, nodeSize, subsample, null,
                            treeSeeds, null));
            case GRADIENT_BOOSTING -> GradientTreeBoost.fit(SmileFrames.formula(), frame,
                    new GradientTreeBoost.Options(trees, maxDepth, maxNodes, nodeSize, shrinkage, subsample, null, null));
            default -> throw new IllegalStateException(algorithm().id());
        };
        return new SmileClassificationModel(algorithm(), task(), parameters(), data.classNames(), data.featureCount(),
                null, model, null);
    }

    private Model fitRegression(TrainingSet data, long[] treeSeeds) {
        DataFrame frame = SmileFrames.frame(data);
        Regression<Tuple> model = switch (algorithm()) {
            case DECISION_TREE -> RegressionTree.fit(SmileFrames.formula(), frame,
                    new RegressionTree.Options(maxDepth, leaves(data), nodeSize));
            case RANDOM_FOREST -> smile.regression.RandomForest.fit(SmileFrames.formula(), frame,
                    new smile.regression.RandomForest.Options(trees, mtry, maxDepth, maxNodes, nodeSize, subsample,
                            treeSeeds, null));
            case GRADIENT_BOOSTING -> smile.regression.GradientTreeBoost.fit(SmileFrames.formula(), frame,
                    new smile.regression.GradientTreeBoost.Options(leastSquares ? Loss.ls() : Loss.lad(), trees,
                            maxDepth, maxNodes, nodeSize, shrinkage, subsample, null, null));
            default -> throw new IllegalStateException(algorithm().id());
        };
        return new SmileRegressionModel(algorithm(), parameters(), data.featureCount(), null, model, null);
    }

    /** Smile's own default (rows / node size) is below its minimum of two leaves on a handful of rows. */
    private int leaves(TrainingSet data) {
        return maxNodes > 0 ? maxNodes : Math.max(2, data.size() / nodeSize);
    }

    static void requireTwoClassesPresent(TrainingSet data) {
        int first = data.labels()[0];
        for (int label : data.labels()) {
            if (label != first) {
                return;
            }
        }
        throw new IllegalArgumentException("the training rows hold only class '" + data.classNames().get(first)
                + "': a classifier needs at least two classes present");
    }
}

package io.vishwaops.mlcore.select;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.vishwaops.mlcore.metrics.ClassificationMetrics;
import io.vishwaops.mlcore.metrics.ConfusionMatrix;
import io.vishwaops.mlcore.metrics.PrecisionRecallPoint;
import io.vishwaops.mlcore.metrics.RegressionMetrics;
import io.vishwaops.mlcore.metrics.RocPoint;
import io.vishwaops.mlcore.train.ClassificationModel;
import io.vishwaops.mlcore.train.Model;
import io.vishwaops.mlcore.train.Task;
import io.vishwaops.mlcore.train.TrainingSet;

/**
 * Measures a fitted model on held-out rows under the metric names pipeline specs, gates and runs use:
 * {@code accuracy}, {@code precision_macro}, {@code recall_macro}, {@code f1_macro}, {@code precision_weighted},
 * {@code recall_weighted}, {@code f1_weighted}, {@code auc} (binary) or {@code auc_ovr} (multiclass) and
 * {@code log_loss} for classifiers; {@code rmse}, {@code mae} and {@code r2} for regression.
 */
public final class Evaluation {

    public static final String ACCURACY = "accuracy";
    public static final String PRECISION_MACRO = "precision_macro";
    public static final String RECALL_MACRO = "recall_macro";
    public static final String F1_MACRO = "f1_macro";
    public static final String PRECISION_WEIGHTED = "precision_weighted";
    public static final String RECALL_WEIGHTED = "recall_weighted";
    public static final String F1_WEIGHTED = "f1_weighted";
    public static final String AUC = "auc";
    public static final String AUC_OVR = "auc_ovr";
    public static final String LOG_LOSS = "log_loss";
    public static final String RMSE = "rmse";
    public static final String MAE = "mae";
    public static final String R2 = "r2";

    private static final Set<String> COMMON = sorted(Set.of(ACCURACY, PRECISION_MACRO, RECALL_MACRO, F1_MACRO,
            PRECISION_WEIGHTED, RECALL_WEIGHTED, F1_WEIGHTED, LOG_LOSS));
    private static final Set<String> BINARY = union(COMMON, AUC);
    private static final Set<String> MULTICLASS = union(COMMON, AUC_OVR);
    private static final Set<String> REGRESSION = sorted(Set.of(RMSE, MAE, R2));
    private static final Set<String> LOWER_IS_BETTER = Set.of(LOG_LOSS, RMSE, MAE);

    /** Shuffles per feature for permutation importance, as scikit-learn's default. */
    private static final int PERMUTATION_REPEATS = 5;
    /**
     * Permutation importance predicts every row once per feature and shuffle: on more held-out rows than this it
     * works on a seeded sample of them, which keeps a wide forest's report to seconds.
     */
    static final int MAX_IMPORTANCE_ROWS = 5_000;
    /** Curves on large test sets are thinned to about this many points: enough to draw, small enough to store. */
    private static final int MAX_CURVE_POINTS = 500;

    private Evaluation() {
    }

    /** The metric names that fit a task: a spec's primary metric or gate naming anything else is invalid. */
    public static Set<String> metricsFor(Task task) {
        return switch (task) {
            case BINARY -> BINARY;
            case MULTICLASS -> MULTICLASS;
            case REGRESSION -> REGRESSION;
        };
    }

    /** Whether a larger value of this metric is better: false for log-loss, RMSE and MAE. */
    public static boolean higherIsBetter(String metric) {
        if (LOWER_IS_BETTER.contains(metric)) {
            return false;
        }
        if (BINARY.contains(metric) || MULTICLASS.contains(metric) || REGRESSION.contains(metric)) {
            return true;
        }
        throw new IllegalArgumentException("unknown metric '" + metric + "'");
    }

    /**
     * Every metric of the model's task on these rows. A metric that is undefined on them (AUC when the rows hold a
     * single class) is left out rather than given as NaN.
     */
    public static Map<String, Double> metrics(Model model, TrainingSet test) {
        checkFits(model, test);
        Map<String, Double> out = new LinkedHashMap<>();
        if (model instanceof ClassificationModel classifier) {
            double[][] probabilities = classifier.predictProbabilities(test.features());
            classificationMetrics(test, probabilities, argMax(probabilities), out);
        } else {
            double[] predicted = model.predict(test.features());
            put(out, RMSE, RegressionMetrics.rmse(test.targets(), predicted));
            put(out, MAE, RegressionMetrics.mae(test.targets(), predicted));
            put(out, R2, RegressionMetrics.r2(test.targets(), predicted));
        }
        return out;
    }

    /** {@link #report(Model, TrainingSet, List, long)} with seed 0 for the permutation importance. */
    public static Report report(Model model, TrainingSet test, List<String> featureNames) {
        return report(model, test, featureNames, 0);
    }

    /**
     * The metrics with the confusion matrix, ROC and precision-recall points and the permutation importance of each
     * feature on these rows (seeded: the same model, rows and seed give the same importances; on more than 5,000
     * rows, on a seeded sample of 5,000). Importance is measured the same way for every algorithm so that candidates
     * can be compared.
     *
     * @param featureNames one name per feature column, e.g. {@code FeaturePipeline.outputNames()}
     */
    public static Report report(Model model, TrainingSet test, List<String> featureNames, long seed) {
        checkFits(model, test);
        if (featureNames.size() != test.featureCount()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + test.featureCount()
                    + " feature columns");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<Report.FeatureImportance> importance = permutationImportance(model, test, featureNames, seed);
        if (!(model instanceof ClassificationModel classifier)) {
            return new Report(metrics(model, test), List.of(), null, Map.of(), Map.of(), importance);
        }
        double[][] probabilities = classifier.predictProbabilities(test.features());
        int[] predicted = argMax(probabilities);
        classificationMetrics(test, probabilities, predicted, metrics);
        Map<String, List<RocPoint>> roc = new LinkedHashMap<>();
        Map<String, List<PrecisionRecallPoint>> pr = new LinkedHashMap<>();
        List<String> classes = test.classNames();
        for (int k = classes.size() == 2 ? 1 : 0; k < classes.size(); k++) {
            boolean[] positive = ClassificationMetrics.isClass(test.labels(), k);
            double[] score = ClassificationMetrics.column(probabilities, k);
            roc.put(classes.get(k), thin(ClassificationMetrics.rocCurve(positive, score)));
            pr.put(classes.get(k), thin(ClassificationMetrics.precisionRecallCurve(positive, score)));
        }
        return new Report(metrics, classes,
                ClassificationMetrics.confusionMatrix(test.labels(), predicted, classes.size()), roc, pr, importance);
    }

    private static void classificationMetrics(TrainingSet test, double[][] probabilities, int[] predicted,
            Map<String, Double> out) {
        int[] truth = test.labels();
        ConfusionMatrix confusion = ConfusionMatrix.of(truth, predicted, test.classNames().size());
        put(out, ACCURACY, confusion.accuracy());
        put(out, PRECISION_MACRO, confusion.macroPrecision());
        put(out, RECALL_MACRO, confusion.macroRecall());
        put(out, F1_MACRO, confusion.macroF1());
        put(out, PRECISION_WEIGHTED, confusion.weightedPrecision());
        put(out, RECALL_WEIGHTED, confusion.weightedRecall());
        put(out, F1_WEIGHTED, confusion.weightedF1());
        if (test.classNames().size() == 2) {
            put(out, AUC, ClassificationMetrics.rocAuc(truth, probabilities));
        } else {
            put(out, AUC_OVR, ClassificationMetrics.rocAucOneVsRest(truth, probabilities));
        }
        put(out, LOG_LOSS, ClassificationMetrics.logLoss(truth, probabilities));
    }

    private static List<Report.FeatureImportance> permutationImportance(Model model, TrainingSet all,
            List<String> featureNames, long seed) {
        TrainingSet test = all.size() <= MAX_IMPORTANCE_ROWS ? all
                : all.rows(sample(all.size(), MAX_IMPORTANCE_ROWS, new SplittableRandom(seed)));
        double base = score(model, test.features(), test);
        int n = test.size();
        double[][] shuffled = new double[n][];
        for (int i = 0; i < n; i++) {
            shuffled[i] = test.features()[i].clone();
        }
        List<Report.FeatureImportance> out = new ArrayList<>();
        for (int j = 0; j < test.featureCount(); j++) {
            SplittableRandom random = new SplittableRandom(seed * 31 + j);
            double[] drops = new double[PERMUTATION_REPEATS];
            for (int r = 0; r < PERMUTATION_REPEATS; r++) {
                int[] order = permutation(n, random);
                for (int i = 0; i < n; i++) {
                    shuffled[i][j] = test.features()[order[i]][j];
                }
                drops[r] = base - score(model, shuffled, test);
            }
            for (int i = 0; i < n; i++) {
                shuffled[i][j] = test.features()[i][j];
            }
            double mean = 0;
            for (double d : drops) {
                mean += d;
            }
            mean /= drops.length;
            double variance = 0;
            for (double d : drops) {
                variance += (d - mean) * (d - mean);
            }
            out.add(new Report.FeatureImportance(featureNames.get(j), mean, Math.sqrt(variance / drops.length)));
        }
        out.sort(Comparator.comparingDouble(Report.FeatureImportance::importance).reversed());
        return List.copyOf(out);
    }

    private static double score(Model model, double[][] rows, TrainingSet test) {
        double[] predicted = model.predict(rows);
        if (model instanceof ClassificationModel) {
            int correct = 0;
            for (int i = 0; i < predicted.length; i++) {
                if ((int) predicted[i] == test.labels()[i]) {
                    correct++;
                }
            }
            return (double) correct / predicted.length;
        }
        return RegressionMetrics.r2(test.targets(), predicted);
    }

    /** {@code k} distinct row indexes, ascending. */
    private static int[] sample(int n, int k, SplittableRandom random) {
        int[] order = permutation(n, random);
        int[] out = java.util.Arrays.copyOf(order, k);
        java.util.Arrays.sort(out);
        return out;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
        return order;
    }

    /** Sorted, so messages listing the names read the same every time. */
    private static Set<String> sorted(Set<String> names) {
        return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(names));
    }

    private static <T> List<T> thin(List<T> points) {
        if (points.size() <= MAX_CURVE_POINTS) {
            return List.copyOf(points);
        }
        // evenly spaced by index, always keeping both ends so the curve still spans (0,0)-(1,1)
        Set<Integer> keep = new LinkedHashSet<>();
        double step = (points.size() - 1) / (double) (MAX_CURVE_POINTS - 1);
        for (int i = 0; i < MAX_CURVE_POINTS; i++) {
            keep.add((int) Math.round(i * step));
        }
        return keep.stream().map(points::get).toList();
    }

    private static int[] argMax(double[][] probabilities) {
        int[] out = new int[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            double[] p = probabilities[i];
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }

    private static void checkFits(Model model, TrainingSet test) {
        if (model.task() != test.task()) {
            throw new IllegalArgumentException("the model does " + model.task() + " but the rows are " + test.task());
        }
        if (model.featureCount() != test.featureCount()) {
            throw new IllegalArgumentException("the model takes " + model.featureCount() + " features, the rows have "
                    + test.featureCount());
        }
    }

    private static void put(Map<String, Double> out, String name, double value) {
        if (!Double.isNaN(value)) {
            out.put(name, value);
        }
    }

    private static Set<String> union(Set<String> a, String b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.add(b);
        return sorted(out);
    }
}

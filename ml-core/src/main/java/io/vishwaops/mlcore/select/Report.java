package io.vishwaops.mlcore.select;

import java.util.List;
import java.util.Map;

import io.vishwaops.mlcore.metrics.ConfusionMatrix;
import io.vishwaops.mlcore.metrics.PrecisionRecallPoint;
import io.vishwaops.mlcore.metrics.RocPoint;

/**
 * A fitted model measured on held-out rows: what a run records as metrics and artifacts.
 *
 * @param metrics as {@link Evaluation#metrics}
 * @param classNames the classes, in the confusion matrix's order; empty for regression
 * @param confusion rows are the true class, columns the predicted one; null for regression
 * @param roc ROC curve points by positive class name: the second class for binary, every class one-vs-rest for
 *            multiclass; empty for regression
 * @param precisionRecall precision-recall points, keyed like {@code roc}
 * @param featureImportance one entry per feature, most important first
 */
public record Report(Map<String, Double> metrics, List<String> classNames, ConfusionMatrix confusion,
        Map<String, List<RocPoint>> roc, Map<String, List<PrecisionRecallPoint>> precisionRecall,
        List<FeatureImportance> featureImportance) {

    /**
     * How much a feature matters: the mean drop of the model's score ({@code accuracy} for classifiers, {@code r2}
     * for regression) on the held-out rows when this feature's column is shuffled, and the standard deviation of the
     * drop over the shuffles. Near 0 or negative: the model does not rely on it.
     */
    public record FeatureImportance(String feature, double importance, double std) {
    }
}

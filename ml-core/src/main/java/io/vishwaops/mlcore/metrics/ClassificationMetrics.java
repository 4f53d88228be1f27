package io.vishwaops.mlcore.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Metrics of class predictions and class probabilities. Labels are class indexes 0..k-1; probabilities are one row
 * per prediction, one column per class, as {@code ClassificationModel.predictProbabilities} returns them. Binary
 * curves and AUC take a positive flag per row and the positive class's score.
 */
public final class ClassificationMetrics {

    /** numpy's float64 epsilon, which scikit-learn's log-loss clips at. */
    private static final double EPSILON = Math.ulp(1.0);

    private ClassificationMetrics() {
    }

    public static double accuracy(int[] truth, int[] predicted) {
        Checks.sameLength(truth.length, predicted.length);
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == predicted[i]) {
                correct++;
            }
        }
        return (double) correct / truth.length;
    }

    public static ConfusionMatrix confusionMatrix(int[] truth, int[] predicted, int classCount) {
        return ConfusionMatrix.of(truth, predicted, classCount);
    }

    /** Mean negative log-likelihood of the true class; probabilities are clipped to [eps, 1 - eps]. */
    public static double logLoss(int[] truth, double[][] probabilities) {
        Checks.sameLength(truth.length, probabilities.length);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            Checks.label(truth[i], probabilities[i].length, i);
            double p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i][truth[i]]));
            sum -= Math.log(p);
        }
        return sum / truth.length;
    }

    /**
     * Area under the ROC curve: the chance that a random positive scores above a random negative, ties counting
     * half. NaN when the truth holds only one class, where it is undefined.
     */
    public static double rocAuc(boolean[] positive, double[] score) {
        List<RocPoint> curve = rocCurve(positive, score);
        double area = 0;
        for (int i = 1; i < curve.size(); i++) {
            RocPoint a = curve.get(i - 1);
            RocPoint b = curve.get(i);
            area += (b.falsePositiveRate() - a.falsePositiveRate()) * (a.truePositiveRate() + b.truePositiveRate()) / 2;
        }
        return area;
    }

    /** Binary AUC with class 1 as the positive class and its probability as the score. */
    public static double rocAuc(int[] truth, double[][] probabilities) {
        return rocAuc(isClass(truth, 1), column(probabilities, 1));
    }

    /**
     * One-vs-rest ROC AUC, the unweighted mean over classes of each class's AUC against all others (scikit-learn's
     * {@code multi_class="ovr", average="macro"}). A class absent from the truth has no AUC and is left out of the
     * mean; NaN when no class has one.
     */
    public static double rocAucOneVsRest(int[] truth, double[][] probabilities) {
        Checks.sameLength(truth.length, probabilities.length);
        int k = probabilities[0].length;
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < k; c++) {
            double auc = rocAuc(isClass(truth, c), column(probabilities, c));
            if (!Double.isNaN(auc)) {
                sum += auc;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /**
     * The ROC curve at every distinct score, from the highest threshold down, starting at (0, 0) with threshold
     * +infinity and ending at (1, 1). A rate whose denominator is empty (no positives or no negatives) is NaN.
     */
    public static List<RocPoint> rocCurve(boolean[] positive, double[] score) {
        Counts counts = Counts.of(positive, score);
        List<RocPoint> out = new ArrayList<>();
        out.add(new RocPoint(Double.POSITIVE_INFINITY, rate(0, counts.negatives), rate(0, counts.positives)));
        for (int i = 0; i < counts.thresholds.length; i++) {
            out.add(new RocPoint(counts.thresholds[i], rate(counts.falsePositives[i], counts.negatives),
                    rate(counts.truePositives[i], counts.positives)));
        }
        return out;
    }

    /**
     * The precision-recall curve in scikit-learn's order: thresholds increasing over the distinct scores, then a last
     * point of precision 1 and recall 0 (threshold +infinity) so the curve meets the recall axis.
     */
    public static List<PrecisionRecallPoint> precisionRecallCurve(boolean[] positive, double[] score) {
        Counts counts = Counts.of(positive, score);
        List<PrecisionRecallPoint> out = new ArrayList<>();
        for (int i = counts.thresholds.length - 1; i >= 0; i--) {
            long tp = counts.truePositives[i];
            long calledPositive = tp + counts.falsePositives[i];
            out.add(new PrecisionRecallPoint(counts.thresholds[i], calledPositive == 0 ? 0 : (double) tp / calledPositive,
                    rate(tp, counts.positives)));
        }
        out.add(new PrecisionRecallPoint(Double.POSITIVE_INFINITY, 1, 0));
        return out;
    }

    /** Which rows are of class k: the positive flags for a one-vs-rest curve. */
    public static boolean[] isClass(int[] truth, int k) {
        boolean[] out = new boolean[truth.length];
        for (int i = 0; i < truth.length; i++) {
            out[i] = truth[i] == k;
        }
        return out;
    }

    /** Column k of the probabilities: the scores for class k. */
    public static double[] column(double[][] probabilities, int k) {
        double[] out = new double[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            out[i] = probabilities[i][k];
        }
        return out;
    }

    private static double rate(long count, long total) {
        return total == 0 ? Double.NaN : (double) count / total;
    }

    /** Cumulative true and false positives at each distinct score, highest score first. */
    private record Counts(double[] thresholds, long[] truePositives, long[] falsePositives, long positives, long negatives) {

        static Counts of(boolean[] positive, double[] score) {
            Checks.sameLength(positive.length, score.length);
            Integer[] order = new Integer[score.length];
            for (int i = 0; i < order.length; i++) {
                if (Double.isNaN(score[i])) {
                    throw new IllegalArgumentException("row " + i + " has no score");
                }
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
            double[] thresholds = new double[score.length];
            long[] tps = new long[score.length];
            long[] fps = new long[score.length];
            int distinct = 0;
            long tp = 0;
            long fp = 0;
            for (int r = 0; r < order.length; r++) {
                int i = order[r];
                if (positive[i]) {
                    tp++;
                } else {
                    fp++;
                }
                // a threshold closes only after the last row with the same score
                if (r == order.length - 1 || score[order[r + 1]] != score[i]) {
                    thresholds[distinct] = score[i];
                    tps[distinct] = tp;
                    fps[distinct] = fp;
                    distinct++;
                }
            }
            return new Counts(Arrays.copyOf(thresholds, distinct), Arrays.copyOf(tps, distinct),
                    Arrays.copyOf(fps, distinct), tp, fp);
        }
    }
}

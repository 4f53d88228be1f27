package io.vishwaops.mlcore.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Expected values are independent of this code: each comes from a scikit-learn docstring example (quoted as run
 * and printed in the ocaml-sklearn bindings' expect tests, or from the scikit-learn API pages) or is worked by hand
 * in the comment beside it.
 */
class ClassificationMetricsTests {

    private static final double E = 1e-9;

    @Test
    void accuracy() {
        // sklearn.metrics.accuracy_score docstring: y_pred=[0,2,1,3], y_true=[0,1,2,3] -> 0.5
        assertThat(ClassificationMetrics.accuracy(new int[] {0, 1, 2, 3}, new int[] {0, 2, 1, 3})).isEqualTo(0.5);
    }

    @Test
    void confusionMatrix() {
        // sklearn.metrics.confusion_matrix docstring: y_true=[2,0,2,2,0,1], y_pred=[0,0,2,2,0,2]
        // -> [[2,0,0],[0,0,1],[1,0,2]]
        ConfusionMatrix m = ClassificationMetrics.confusionMatrix(new int[] {2, 0, 2, 2, 0, 1}, new int[] {0, 0, 2, 2, 0, 2}, 3);
        assertThat(m.counts()).isDeepEqualTo(new long[][] {{2, 0, 0}, {0, 0, 1}, {1, 0, 2}});
        // sklearn.metrics.confusion_matrix docstring, binary: confusion_matrix([0,1,0,1],[1,1,1,0]).ravel()
        // -> (tn, fp, fn, tp) = (0, 2, 1, 1)
        assertThat(ConfusionMatrix.of(new int[] {0, 1, 0, 1}, new int[] {1, 1, 1, 0}, 2).counts())
                .isDeepEqualTo(new long[][] {{0, 2}, {1, 1}});
    }

    @Test
    void precisionRecallAndF1PerClassMacroAndWeighted() {
        // sklearn.metrics.f1_score / precision_score / recall_score docstrings:
        // y_true=[0,1,2,0,1,2], y_pred=[0,2,1,0,0,1]
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1, 2, 0, 1, 2}, new int[] {0, 2, 1, 0, 0, 1}, 3);
        // f1 average=None -> [0.8, 0, 0]; macro 0.26666666666666666; weighted 0.26666666666666666
        assertThat(m.f1s()).containsExactly(new double[] {0.8, 0, 0}, within(E));
        assertThat(m.macroF1()).isCloseTo(0.26666666666666666, within(E));
        assertThat(m.weightedF1()).isCloseTo(0.26666666666666666, within(E));
        // precision average=None -> [0.66666667, 0, 0]; macro 0.22...; weighted 0.22...
        assertThat(m.precisions()).containsExactly(new double[] {2.0 / 3, 0, 0}, within(E));
        assertThat(m.macroPrecision()).isCloseTo(2.0 / 9, within(E));
        assertThat(m.weightedPrecision()).isCloseTo(2.0 / 9, within(E));
        // recall average=None -> [1, 0, 0]; macro 0.33...; weighted 0.33...
        assertThat(m.recalls()).containsExactly(new double[] {1, 0, 0}, within(E));
        assertThat(m.macroRecall()).isCloseTo(1.0 / 3, within(E));
        assertThat(m.weightedRecall()).isCloseTo(1.0 / 3, within(E));
    }

    @Test
    void weightedAveragesFollowSupport() {
        // sklearn.metrics.classification_report docstring: y_true=[0,1,2,2,2], y_pred=[0,0,2,2,1]
        // class 0: 0.50 1.00 0.67; class 1: 0 0 0; class 2: 1.00 0.67 0.80; accuracy 0.60;
        // macro avg 0.50 0.56 0.49; weighted avg 0.70 0.60 0.61 (two decimals)
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1, 2, 2, 2}, new int[] {0, 0, 2, 2, 1}, 3);
        assertThat(m.accuracy()).isCloseTo(0.60, within(E));
        assertThat(m.f1(0)).isCloseTo(0.67, within(0.005));
        assertThat(m.f1(2)).isCloseTo(0.80, within(E));
        assertThat(m.macroPrecision()).isCloseTo(0.50, within(E));
        assertThat(m.macroRecall()).isCloseTo(0.56, within(0.005));
        assertThat(m.macroF1()).isCloseTo(0.49, within(0.005));
        assertThat(m.weightedPrecision()).isCloseTo(0.70, within(E));
        assertThat(m.weightedRecall()).isCloseTo(0.60, within(E));
        assertThat(m.weightedF1()).isCloseTo(0.61, within(0.005));
    }

    @Test
    void logLoss() {
        // sklearn.metrics.log_loss docstring: log_loss(["spam","ham","ham","spam"],
        // [[.1,.9],[.9,.1],[.8,.2],[.35,.65]]) -> 0.21616... (columns in sorted label order: ham=0, spam=1)
        double loss = ClassificationMetrics.logLoss(new int[] {1, 0, 0, 1},
                new double[][] {{.1, .9}, {.9, .1}, {.8, .2}, {.35, .65}});
        assertThat(loss).isCloseTo(0.216162, within(1e-6));
        // by hand: a certain wrong answer is clipped at the double epsilon, -ln(2.22e-16) = 36.04
        assertThat(ClassificationMetrics.logLoss(new int[] {0}, new double[][] {{0, 1}})).isCloseTo(36.04365, within(1e-4));
    }

    @Test
    void binaryRocAucAndCurve() {
        // sklearn.metrics.roc_auc_score docstring: y_true=[0,0,1,1], y_scores=[0.1,0.4,0.35,0.8] -> 0.75
        boolean[] positive = {false, false, true, true};
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        assertThat(ClassificationMetrics.rocAuc(positive, scores)).isCloseTo(0.75, within(E));
        // sklearn.metrics.roc_curve docstring (y=[1,1,2,2], pos_label=2, same scores):
        // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [inf, 0.8, 0.4, 0.35, 0.1]
        assertThat(ClassificationMetrics.rocCurve(positive, scores)).containsExactly(
                new RocPoint(Double.POSITIVE_INFINITY, 0, 0), new RocPoint(0.8, 0, 0.5), new RocPoint(0.4, 0.5, 0.5),
                new RocPoint(0.35, 0.5, 1), new RocPoint(0.1, 1, 1));
        // by hand: tied scores count half, one positive and one negative both at 0.5 -> 0.5
        assertThat(ClassificationMetrics.rocAuc(new boolean[] {true, false}, new double[] {0.5, 0.5})).isEqualTo(0.5);
        // by hand: undefined with one class only
        assertThat(ClassificationMetrics.rocAuc(new boolean[] {true, true}, new double[] {0.2, 0.9})).isNaN();
    }

    @Test
    void rocAucFromProbabilitiesUsesClassOne() {
        // the roc_auc_score docstring example again, as two-column probabilities
        double[][] p = {{0.9, 0.1}, {0.6, 0.4}, {0.65, 0.35}, {0.2, 0.8}};
        assertThat(ClassificationMetrics.rocAuc(new int[] {0, 0, 1, 1}, p)).isCloseTo(0.75, within(E));
    }

    @Test
    void oneVersusRestMacroAuc() {
        // by hand: truth [0,1,2,0,1,2]; class 0 scores {0.7,0.2,0.1,0.5,0.3,0.4}: positives 0.7,0.5 beat all four
        // negatives -> 1.0; class 1 scores {0.2,0.6,0.3,0.1,0.2,0.5}: positive 0.6 beats all 4, positive 0.2 beats
        // 0.1, ties 0.2 (half), loses to 0.3 and 0.5 -> (4 + 1.5) / 8 = 0.6875; class 2 scores
        // {0.1,0.2,0.6,0.4,0.5,0.1}: 0.6 beats all 4, 0.1 ties 0.1 (half) -> (4 + 0.5) / 8 = 0.5625;
        // macro = (1 + 0.6875 + 0.5625) / 3 = 0.75
        double[][] p = {{0.7, 0.2, 0.1}, {0.2, 0.6, 0.2}, {0.1, 0.3, 0.6}, {0.5, 0.1, 0.4}, {0.3, 0.2, 0.5}, {0.4, 0.5, 0.1}};
        int[] truth = {0, 1, 2, 0, 1, 2};
        assertThat(ClassificationMetrics.rocAuc(ClassificationMetrics.isClass(truth, 1), ClassificationMetrics.column(p, 1)))
                .isCloseTo(0.6875, within(E));
        assertThat(ClassificationMetrics.rocAucOneVsRest(truth, p)).isCloseTo(0.75, within(E));
    }

    @Test
    void precisionRecallCurve() {
        // sklearn.metrics.precision_recall_curve docstring: y_true=[0,0,1,1], y_scores=[0.1,0.4,0.35,0.8]
        // precision [0.5, 0.66666667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8]
        // (checked by hand: at 0.35 three rows are called positive, two of them truly)
        List<PrecisionRecallPoint> curve = ClassificationMetrics.precisionRecallCurve(
                new boolean[] {false, false, true, true}, new double[] {0.1, 0.4, 0.35, 0.8});
        assertThat(curve).extracting(PrecisionRecallPoint::threshold)
                .containsExactly(0.1, 0.35, 0.4, 0.8, Double.POSITIVE_INFINITY);
        assertThat(curve).extracting(PrecisionRecallPoint::precision).containsExactly(0.5, 2.0 / 3, 0.5, 1.0, 1.0);
        assertThat(curve).extracting(PrecisionRecallPoint::recall).containsExactly(1.0, 1.0, 0.5, 0.5, 0.0);
        // a worked example on cnblogs.com/chaimy/p/17371181.html (scikit-learn output printed there):
        // y_true=[1,1,0,0,1], y_score=[0.1,0.3,0.35,0.6,0.8] -> precision [0.6,0.5,0.333,0.5,1,1],
        // recall [1,0.667,0.333,0.333,0.333,0]
        List<PrecisionRecallPoint> second = ClassificationMetrics.precisionRecallCurve(
                new boolean[] {true, true, false, false, true}, new double[] {0.1, 0.3, 0.35, 0.6, 0.8});
        assertThat(second).extracting(PrecisionRecallPoint::precision).containsExactly(0.6, 0.5, 1.0 / 3, 0.5, 1.0, 1.0);
        assertThat(second).extracting(PrecisionRecallPoint::recall).containsExactly(1.0, 2.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3, 0.0);
    }

    @Test
    void mismatchedInputsAreRefused() {
        assertThatThrownBy(() -> ClassificationMetrics.accuracy(new int[] {1}, new int[] {1, 0}))
                .hasMessageContaining("truth has 1 values, predictions 2");
        assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {3}, new int[] {0}, 3)).hasMessageContaining("row 0 has class 3");
    }
}

package io.vishwaops.mlcore.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RegressionMetricsTests {

    // the y_true / y_pred pair of scikit-learn's regression-metric docstrings
    private static final double[] TRUTH = {3, -0.5, 2, 7};
    private static final double[] PREDICTED = {2.5, 0.0, 2, 8};

    @Test
    void rmse() {
        // sklearn.metrics.mean_squared_error docstring: 0.375, squared=False -> 0.6123724356957945
        assertThat(RegressionMetrics.rmse(TRUTH, PREDICTED)).isCloseTo(0.6123724356957945, within(1e-12));
    }

    @Test
    void mae() {
        // sklearn.metrics.mean_absolute_error docstring: 0.5
        assertThat(RegressionMetrics.mae(TRUTH, PREDICTED)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void r2() {
        // sklearn.metrics.r2_score docstring: 0.948...; by hand: SS_res = 1.5, mean 2.875, SS_tot = 29.1875,
        // 1 - 1.5 / 29.1875 = 0.94860813704...
        assertThat(RegressionMetrics.r2(TRUTH, PREDICTED)).isCloseTo(0.9486081370449679, within(1e-12));
        // by hand: predicting the mean scores 0, a constant truth predicted exactly scores 1
        assertThat(RegressionMetrics.r2(new double[] {1, 3}, new double[] {2, 2})).isZero();
        assertThat(RegressionMetrics.r2(new double[] {2, 2}, new double[] {2, 2})).isEqualTo(1);
    }
}

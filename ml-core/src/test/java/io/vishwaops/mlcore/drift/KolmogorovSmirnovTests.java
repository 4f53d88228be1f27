package io.vishwaops.mlcore.drift;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.vishwaops.mlcore.drift.Samples.golden;
import static io.vishwaops.mlcore.drift.Samples.plastic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class KolmogorovSmirnovTests {

    @Test
    void disjointSamplesOfThree() {
        // by hand: D = 1, and 2 of the C(6,3) = 20 equally likely orderings are that extreme -> p = 0.1
        // (scipy 1.17.1 ks_2samp([1,2,3],[4,5,6]): statistic=1.0, pvalue=0.09999999999999999)
        KolmogorovSmirnov.Result result = KolmogorovSmirnov.twoSample(new double[] {1, 2, 3}, new double[] {4, 5, 6});

        assertThat(result.statistic()).isEqualTo(1.0);
        assertThat(result.pValue()).isCloseTo(0.1, within(1e-15));
        assertThat(result.method()).isEqualTo(KolmogorovSmirnov.Method.EXACT);
    }

    @Test
    void tiesAreCountedAsScipyCountsThem() {
        // ECDFs after 3: 4/4 vs 2/5 -> D = 0.6 by hand; scipy 1.17.1 ks_2samp([1,2,2,3],[2,2,4,5,6]):
        // statistic=0.6, pvalue=0.2857142857142857
        KolmogorovSmirnov.Result result = KolmogorovSmirnov.twoSample(
                new double[] {1, 2, 2, 3}, new double[] {2, 2, 4, 5, 6});

        assertThat(result.statistic()).isCloseTo(0.6, within(1e-15));
        assertThat(result.pValue()).isCloseTo(0.2857142857142857, within(1e-14));
    }

    @Test
    void identicalSamplesGiveOne() {
        // D = 0 -> h = 0 -> scipy returns p = 1 without counting paths
        double[] sample = golden(30, 0, 1);

        assertThat(KolmogorovSmirnov.twoSample(sample, sample.clone()).pValue()).isEqualTo(1.0);
    }

    // expected: scipy 1.17.1 ks_2samp(golden(n1), plastic(n2, shift)) (see Samples); the method is what scipy's
    // 'auto' picks: exact while max(n1, n2) <= 10000, else kstwo.sf(D, round(n1 n2 / (n1 + n2)))
    @ParameterizedTest
    @CsvSource({
            // equal sizes: Hodges' alternating sum
            "50, 50, 0.2, 0.24, 0.11238524845512393, EXACT",
            "10000, 10000, 0.02, 0.0204, 0.031162582913927636, EXACT",
            // unequal sizes: the lattice-path recursion
            "40, 60, 0.15, 0.19166666666666668, 0.3143145977917667, EXACT",
            "1000, 3000, 0.03, 0.03133333333333333, 0.44866973793038406, EXACT",
            // asymptotic, n = 488: Smirnov's tail, then Pelz-Good
            "500, 20000, 0.05, 0.053049999999999986, 0.12372403616318384, ASYMPTOTIC",
            "500, 20000, 0.01, 0.013000000000000012, 0.9999944711954775, ASYMPTOTIC",
            // asymptotic, n = 50 <= 140: Durbin's matrix, then Smirnov's tail
            "50, 12000, 0.1, 0.12258333333333327, 0.4073936749715006, ASYMPTOTIC",
            "50, 12000, 0.3, 0.32266666666666666, 3.92306205177216e-05, ASYMPTOTIC",
    })
    void matchesScipy(int n1, int n2, double shift, double statistic, double pValue, KolmogorovSmirnov.Method method) {
        KolmogorovSmirnov.Result result = KolmogorovSmirnov.twoSample(golden(n1, 0, 1), plastic(n2, shift, 1));

        assertThat(result.statistic()).isCloseTo(statistic, within(1e-12));
        assertThat(result.pValue()).isCloseTo(pValue, withinPercentage(1e-8));
        assertThat(result.method()).isEqualTo(method);
    }

    @Test
    void refusesEmptyAndNaN() {
        assertThatThrownBy(() -> KolmogorovSmirnov.twoSample(new double[0], new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KolmogorovSmirnov.twoSample(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // expected: scipy 1.17.1 scipy.stats.kstwo.sf(x, n), one case per regime of Simard and L'Ecuyer's choice
    @ParameterizedTest
    @CsvSource({
            "10, 0.07, 0.9999999619492741",      // n x <= 1: Ruben-Gambino
            "10, 0.3, 0.27053557479999946",      // n <= 140, n x^2 <= 4: exact (Durbin here, Pomeranz in scipy)
            "10, 0.6, 0.0005681672000000003",    // x >= 0.5: 2 x Smirnov, exact
            "100, 0.05, 0.9532159710635725",     // n <= 140, n x^2 <= 0.75: Durbin
            "100, 0.1, 0.2526927570063874",      // n <= 140, n x^2 <= 4
            "100, 0.25, 5.408871776434847e-06",  // n <= 140, n x^2 > 4: 2 x Smirnov
            "488, 0.03, 0.7602836386817321",     // n > 140, n x^2 < 2.2: Pelz-Good
            "488, 0.08, 0.003651047532368212",   // n > 140, n x^2 >= 2.2: 2 x Smirnov
            "50, 0.5, 4.392853499119748e-12",    // x = 0.5
            "1000, 0.01, 0.9999496745370611",    // n > 140, n x^1.5 <= 1.4: Durbin
            "1000, 0.002, 1.0",                  // n x <= 0.5
            "5, 0.95, 6.250000000000028e-07",    // n x >= n - 1: 2 (1 - x)^n
    })
    void kolmogorovSurvivalMatchesScipy(long n, double x, double expected) {
        assertThat(KolmogorovDistribution.survival(n, x)).isCloseTo(expected, withinPercentage(1e-8));
    }
}

package io.vishwaops.mlcore.drift;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class SpecialFunctionsTests {

    // expected: Python 3.11 math.lgamma(x)
    @ParameterizedTest
    @CsvSource({
            "0.5, 0.5723649429247004",
            "1.5, -0.12078223763524543",
            "2.5, 0.2846828704729196",
            "10, 12.801827480081467",
            "100.5, 361.4355404677776",
            "1000.25, 5906.947268271117",
    })
    void logGammaMatchesPython(double x, double expected) {
        assertThat(SpecialFunctions.logGamma(x)).isCloseTo(expected, within(1e-14 * Math.max(1, Math.abs(expected))));
    }

    // expected: scipy 1.17.1 scipy.special.gammaincc(a, x); both branches (series and continued fraction) and a
    // large a, where the prefactor loses the most
    @ParameterizedTest
    @CsvSource({
            "0.5, 0.1, 0.6547208460185768",
            "0.5, 2, 0.04550026389635857",
            "2.5, 3, 0.30621891841327875",
            "10, 5, 0.9681719426937951",
            "10, 20, 0.0049954123083075785",
            "500, 520, 0.18469114909874365",
            "2.5, 40, 8.391825114831597e-16",
    })
    void upperIncompleteGammaMatchesScipy(double a, double x, double expected) {
        assertThat(SpecialFunctions.regularizedGammaQ(a, x)).isCloseTo(expected, withinPercentage(1e-10));
        assertThat(SpecialFunctions.regularizedGammaP(a, x) + SpecialFunctions.regularizedGammaQ(a, x))
                .isCloseTo(1.0, within(1e-15));
    }

    // expected: scipy 1.17.1 scipy.special.erfc(x)
    @ParameterizedTest
    @CsvSource({
            "0, 1.0",
            "0.1, 0.8875370839817152",
            "0.5, 0.4795001221869535",
            "1, 0.15729920705028516",
            "2, 0.004677734981047266",
            "3, 2.2090496998585445e-05",
            "5, 1.5374597944280347e-12",
            "8, 1.1224297172982928e-29",
            "-1, 1.8427007929497148",
    })
    void erfcMatchesScipy(double x, double expected) {
        assertThat(SpecialFunctions.erfc(x)).isCloseTo(expected, withinPercentage(1e-10));
    }

    // expected: the χ²(2) survival function is exp(-x/2) in closed form; χ²(1) at 3.841458820694124 is the 5%
    // critical value printed in every χ² table (scipy 1.17.1: chi2.isf(0.05, 1) = 3.841458820694124)
    @ParameterizedTest
    @CsvSource({"2, 4.444444444444445", "2, 0.5", "2, 30"})
    void chiSquareWithTwoDegreesIsExponential(double df, double x) {
        assertThat(SpecialFunctions.chiSquareSurvival(x, df)).isCloseTo(Math.exp(-x / 2), withinPercentage(1e-11));
    }

    @ParameterizedTest
    @CsvSource({"3.841458820694124, 0.05"})
    void chiSquareFivePercentCriticalValue(double x, double p) {
        assertThat(SpecialFunctions.chiSquareSurvival(x, 1)).isCloseTo(p, within(1e-14));
    }

    // expected: 1.959963984540054 is the two-sided 5% normal critical value (scipy 1.17.1 norm.isf(0.025))
    @ParameterizedTest
    @CsvSource({"1.959963984540054, 0.05", "-1.959963984540054, 0.05", "0, 1"})
    void normalTwoSided(double z, double p) {
        assertThat(SpecialFunctions.normalTwoSided(z)).isCloseTo(p, within(1e-15));
    }
}

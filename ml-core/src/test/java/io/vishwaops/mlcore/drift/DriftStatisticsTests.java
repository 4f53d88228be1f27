package io.vishwaops.mlcore.drift;

import org.junit.jupiter.api.Test;

import static io.vishwaops.mlcore.drift.Samples.golden;
import static io.vishwaops.mlcore.drift.Samples.plastic;
import static io.vishwaops.mlcore.drift.Samples.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * "Evidently's source" below means: the stattest functions of evidently/legacy/calculations/stattests (chisquare,
 * z, psi, jensenshannon, wasserstein_distance_norm, utils.get_binned_data) transcribed into a script and run with
 * numpy 2.4.6 / scipy 1.17.1 on the same samples (Evidently itself is not installed here).
 */
class DriftStatisticsTests {

    private static final String[] REFERENCE = repeat("a", 30, "b", 50, "c", 20);
    private static final String[] CURRENT = repeat("a", 28, "b", 60, "c", 32);
    private static final String[] CURRENT_WITH_NEW = repeat("a", 45, "b", 40, "c", 10, "d", 5);

    @Test
    void chiSquareDocstringExamples() {
        // scipy.stats.chisquare docstring: chisquare([16, 18, 16, 14, 12, 12]) -> statistic=2.0,
        // pvalue=0.84914503608460956; with f_exp=[16, 16, 16, 16, 16, 8] -> 3.5, 0.62338762774958223
        double[] observed = {16, 18, 16, 14, 12, 12};

        double mean = 88.0 / 6; // scipy's default expectation: the mean of the observed counts
        ChiSquare.Result uniform = ChiSquare.goodnessOfFit(observed, new double[] {mean, mean, mean, mean, mean, mean});
        ChiSquare.Result given = ChiSquare.goodnessOfFit(observed, new double[] {16, 16, 16, 16, 16, 8});

        assertThat(uniform.statistic()).isCloseTo(2.0, within(1e-14));
        assertThat(uniform.degreesOfFreedom()).isEqualTo(5);
        assertThat(uniform.pValue()).isCloseTo(0.84914503608460956, within(1e-14));
        assertThat(given.statistic()).isEqualTo(3.5);
        assertThat(given.pValue()).isCloseTo(0.62338762774958223, within(1e-14));
    }

    @Test
    void chiSquareHomogeneityAsEvidently() {
        // by hand: expected = reference shares x 120 = 36, 60, 24; χ² = 64/36 + 0 + 64/24 = 4.444..., df 2, so
        // p = exp(-χ²/2); Evidently's source: statistic 4.444444444444445, pvalue 0.10836802322189587
        ChiSquare.Result result = ChiSquare.homogeneity(REFERENCE, CURRENT);

        assertThat(result.statistic()).isCloseTo(4.444444444444445, within(1e-12));
        assertThat(result.degreesOfFreedom()).isEqualTo(2);
        assertThat(result.pValue()).isCloseTo(0.10836802322189587, within(1e-14));
    }

    @Test
    void chiSquareCategoryTheReferenceNeverSawIsCertainDrift() {
        // Evidently's source: expected 0 for "d" -> statistic inf, pvalue 0.0
        ChiSquare.Result result = ChiSquare.homogeneity(REFERENCE, CURRENT_WITH_NEW);

        assertThat(result.statistic()).isInfinite();
        assertThat(result.pValue()).isZero();
    }

    @Test
    void zTestAsEvidently() {
        // by hand: p1 = 0.30, p2 = 0.55, pooled 0.425, z = -0.25 / sqrt(0.425 * 0.575 * 0.02) = -3.5760;
        // Evidently's source: z -3.575992699260759, p 0.0003489013882651548
        ProportionsZTest.Result result = ProportionsZTest.test(repeat("no", 70, "yes", 30), repeat("no", 45, "yes", 55));

        assertThat(result.z()).isCloseTo(-3.575992699260759, within(1e-12));
        assertThat(result.pValue()).isCloseTo(0.0003489013882651548, withinPercentage(1e-9));
    }

    @Test
    void zTestWithoutDrift() {
        // Evidently's source: z -0.9168911414554787, p 0.35919968642903966
        ProportionsZTest.Result result = ProportionsZTest.test(repeat("no", 400, "yes", 600),
                repeat("no", 380, "yes", 620));

        assertThat(result.z()).isCloseTo(-0.9168911414554787, within(1e-12));
        assertThat(result.pValue()).isCloseTo(0.35919968642903966, within(1e-14));
    }

    @Test
    void zTestOneSameValueIsNoDrift() {
        // Evidently's z stattest: both samples the one same value -> p_value = 1
        assertThat(ProportionsZTest.test(repeat("yes", 10), repeat("yes", 3)).pValue()).isEqualTo(1.0);
    }

    @Test
    void wassersteinDocstringExample() {
        // scipy.stats.wasserstein_distance docstring: wasserstein_distance([0, 1, 3], [5, 6, 8]) -> 5.0
        assertThat(Wasserstein.distance(new double[] {0, 1, 3}, new double[] {5, 6, 8})).isCloseTo(5.0, within(1e-15));
    }

    @Test
    void wassersteinOnUnequalSamples() {
        // scipy 1.17.1: wasserstein_distance(golden(300), plastic(200, 0.1, 1.3)) = 0.24948512160455477, and
        // divided by max(np.std(golden(300)), 0.001): 0.8669170788147799
        double[] reference = golden(300, 0, 1);
        double[] current = plastic(200, 0.1, 1.3);

        assertThat(Wasserstein.distance(reference, current)).isCloseTo(0.24948512160455477, within(1e-14));
        assertThat(Wasserstein.normed(reference, current)).isCloseTo(0.8669170788147799, within(1e-13));
    }

    @Test
    void wassersteinNormIsFlooredForAConstantReference() {
        // Evidently: norm = max(np.std(reference), 0.001); a shift of 0.01 from a constant -> 0.01 / 0.001 = 10
        assertThat(Wasserstein.normed(new double[] {1, 1, 1}, new double[] {1.01, 1.01})).isCloseTo(10, within(1e-9));
    }

    @Test
    void jensenShannonDocstringExamples() {
        // scipy.spatial.distance.jensenshannon docstring: ([1, 0], [0.5, 0.5]) -> 0.46450140402245893;
        // ([1, 0, 0], [0, 1, 0], base 2) -> 1.0, so in base e sqrt(ln 2); ([1, 0, 0], [1, 0, 0]) -> 0.0
        assertThat(JensenShannon.distance(new double[] {1, 0}, new double[] {0.5, 0.5}))
                .isCloseTo(0.46450140402245893, within(1e-15));
        assertThat(JensenShannon.distance(new double[] {1, 0, 0}, new double[] {0, 1, 0}))
                .isCloseTo(Math.sqrt(Math.log(2)), within(1e-15));
        assertThat(JensenShannon.distance(new double[] {1, 0, 0}, new double[] {1, 0, 0})).isZero();
    }

    @Test
    void jensenShannonNormalisesWeights() {
        // scipy.spatial.distance.jensenshannon docstring, a[0] vs b[0] along axis 1: ([1, 2, 3, 4],
        // [13, 14, 15, 16]) -> 0.1402339 (scipy 1.17.1, full precision: 0.1402339353467297)
        assertThat(JensenShannon.distance(new double[] {1, 2, 3, 4}, new double[] {13, 14, 15, 16}))
                .isCloseTo(0.1402339353467297, within(1e-15));
    }

    @Test
    void psiAndJensenShannonOverCategories() {
        // Evidently's source: psi 0.4625577835149075 (the unseen "d" filled with 0.0001 in the reference) and
        // 0.035933100048845784; jensenshannon 0.19015249332695247 and 0.06691719193256988
        assertThat(PopulationStabilityIndex.of(REFERENCE, CURRENT_WITH_NEW)).isCloseTo(0.4625577835149075, within(1e-13));
        assertThat(PopulationStabilityIndex.of(REFERENCE, CURRENT)).isCloseTo(0.035933100048845784, within(1e-14));
        assertThat(DriftTest.categorical(REFERENCE, CURRENT_WITH_NEW, DriftMethod.JENSEN_SHANNON, null).score())
                .isCloseTo(0.19015249332695247, within(1e-14));
        assertThat(DriftTest.categorical(REFERENCE, CURRENT, DriftMethod.JENSEN_SHANNON, null).score())
                .isCloseTo(0.06691719193256988, within(1e-14));
    }

    @Test
    void numericBinsAreSturgesOverBothSamples() {
        // numpy 2.4.6: histogram_bin_edges(concat(golden(2000), plastic(1500, 0.05, 1.1)), "sturges") has 13 bins
        // (ceil(log2(3500) + 1)); Evidently's source: psi 0.6466895391754796, jensenshannon 0.20315938528257996
        double[] reference = golden(2000, 0, 1);
        double[] current = plastic(1500, 0.05, 1.1);

        assertThat(BinnedShares.sturgesEdges(reference, current)).hasSize(14);
        assertThat(PopulationStabilityIndex.of(reference, current)).isCloseTo(0.6466895391754796, within(1e-13));
        assertThat(DriftTest.numeric(reference, current, DriftMethod.JENSEN_SHANNON, null).score())
                .isCloseTo(0.20315938528257996, within(1e-14));
    }

    @Test
    void psiFillsEmptyBins() {
        // golden(1000) vs golden(1000) + 0.5: half the bins are empty on each side; Evidently's source:
        // psi 7.125282119424384, jensenshannon 0.5887135045186602
        double[] reference = golden(1000, 0, 1);
        double[] current = golden(1000, 0.5, 1);

        assertThat(PopulationStabilityIndex.of(reference, current)).isCloseTo(7.125282119424384, within(1e-12));
        assertThat(DriftTest.numeric(reference, current, DriftMethod.JENSEN_SHANNON, null).score())
                .isCloseTo(0.5887135045186602, within(1e-14));
    }

    @Test
    void fewDistinctNumbersAreCategories() {
        // reference 1, 2, 3 x 10 each vs 15, 10, 5: Evidently's source: psi 0.1831020481113516, chisquare p
        // 0.0820849986238988 (by hand: expected 10 each, χ² = (25 + 0 + 25)/10 = 5, df 2, p = exp(-2.5))
        double[] reference = Samples.repeat(new double[] {1, 2, 3}, 10);
        double[] current = Samples.concat(Samples.repeat(new double[] {1}, 15), Samples.repeat(new double[] {2}, 10),
                Samples.repeat(new double[] {3}, 5));

        assertThat(PopulationStabilityIndex.of(reference, current)).isCloseTo(0.1831020481113516, within(1e-14));
        assertThat(DriftTest.numeric(reference, current, DriftMethod.CHI_SQUARE, null).score())
                .isCloseTo(0.0820849986238988, within(1e-14));
    }

    @Test
    void psiOfIdenticalSharesIsZero() {
        assertThat(PopulationStabilityIndex.ofShares(new double[] {0.2, 0.8}, new double[] {0.2, 0.8})).isZero();
    }

    @Test
    void chiSquareRefusesMismatchedTotals() {
        // scipy.stats.chisquare raises when sum(f_obs) and sum(f_exp) differ by more than 1e-8 relative
        assertThatThrownBy(() -> ChiSquare.goodnessOfFit(new double[] {1, 2}, new double[] {1, 3}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

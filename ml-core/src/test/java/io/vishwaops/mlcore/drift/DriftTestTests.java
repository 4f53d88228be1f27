package io.vishwaops.mlcore.drift;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.vishwaops.mlcore.drift.Samples.golden;
import static io.vishwaops.mlcore.drift.Samples.plastic;
import static io.vishwaops.mlcore.drift.Samples.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The default choices follow Evidently's _get_default_stattest (evidently/legacy/calculations/stattests/registry.py). */
class DriftTestTests {

    @Test
    void smallNumericReferenceUsesKs() {
        // scipy 1.17.1 ks_2samp(golden(50), plastic(12000, 0.3)).pvalue = 3.92306205177216e-05 <= 0.05
        DriftResult result = DriftTest.numeric(golden(50, 0, 1), plastic(12000, 0.3, 1));

        assertThat(result.method()).isEqualTo(DriftMethod.KS);
        assertThat(result.score()).isCloseTo(3.92306205177216e-05, within(1e-15));
        assertThat(result.pValue()).isEqualTo(result.score());
        assertThat(result.threshold()).isEqualTo(0.05);
        assertThat(result.drifted()).isTrue();
    }

    @Test
    void largeNumericReferenceUsesNormedWasserstein() {
        // Evidently's wasserstein stattest transcribed, numpy 2.4.6 / scipy 1.17.1: 0.34523896288908074 >= 0.1
        DriftResult result = DriftTest.numeric(golden(2000, 0, 1), plastic(1500, 0.05, 1.1));

        assertThat(result.method()).isEqualTo(DriftMethod.WASSERSTEIN);
        assertThat(result.score()).isCloseTo(0.34523896288908074, within(1e-13));
        assertThat(result.pValue()).isNull();
        assertThat(result.drifted()).isTrue();
    }

    @Test
    void sameDistributionDoesNotDrift() {
        // two low-discrepancy sequences on [0, 1): KS p = 0.9999944711954775 (scipy 1.17.1, golden(500) vs
        // plastic(20000, 0.01)), far above 0.05
        DriftResult result = DriftTest.numeric(golden(500, 0, 1), plastic(20000, 0.01, 1));

        assertThat(result.method()).isEqualTo(DriftMethod.KS);
        assertThat(result.drifted()).isFalse();
    }

    @Test
    void numericWithFewValuesIsTreatedAsCategories() {
        double[] three = Samples.repeat(new double[] {1, 2, 3}, 10);
        double[] two = Samples.repeat(new double[] {0, 1}, 10);
        double[] manyThree = Samples.repeat(new double[] {1, 2, 3}, 400);

        assertThat(DriftTest.defaultMethod(three, three)).isEqualTo(DriftMethod.CHI_SQUARE);
        assertThat(DriftTest.defaultMethod(two, two)).isEqualTo(DriftMethod.Z);
        assertThat(DriftTest.defaultMethod(manyThree, three)).isEqualTo(DriftMethod.JENSEN_SHANNON);
        assertThat(DriftTest.defaultMethod(golden(6, 0, 1), golden(6, 0, 1))).isEqualTo(DriftMethod.KS);
    }

    @Test
    void distinctValuesAreCountedAcrossBothSamplesUpToTheLimit() {
        // -0.0 and 0.0 are one value, missing values are none, and a value in both samples counts once
        assertThat(DriftTest.distinctUpTo(6, new double[] {0.0, Double.NaN, 1}, new double[] {-0.0, 1, 2}))
                .isEqualTo(3);
        assertThat(DriftTest.distinctUpTo(6, golden(1_000_000, 0, 1))).isEqualTo(6);
        // one value more than the categorical bound makes a numeric feature numeric again
        double[] six = Samples.repeat(new double[] {1, 2, 3, 4, 5}, 10);
        assertThat(DriftTest.defaultMethod(six, new double[] {1, 2, 3})).isEqualTo(DriftMethod.CHI_SQUARE);
        assertThat(DriftTest.defaultMethod(six, new double[] {6})).isEqualTo(DriftMethod.KS);
    }

    @Test
    void categoricalDefaults() {
        String[] binary = repeat("no", 70, "yes", 30);
        String[] three = repeat("a", 30, "b", 50, "c", 20);
        String[] large = repeat("a", 300, "b", 500, "c", 201);

        assertThat(DriftTest.defaultMethod(binary, binary)).isEqualTo(DriftMethod.Z);
        assertThat(DriftTest.defaultMethod(three, three)).isEqualTo(DriftMethod.CHI_SQUARE);
        assertThat(DriftTest.defaultMethod(large, three)).isEqualTo(DriftMethod.JENSEN_SHANNON);
    }

    @Test
    void binaryCategoricalDriftByZTest() {
        // Evidently's z stattest transcribed: p = 0.0003489013882651548 < 0.05
        DriftResult result = DriftTest.categorical(repeat("no", 70, "yes", 30), repeat("no", 45, "yes", 55));

        assertThat(result.method()).isEqualTo(DriftMethod.Z);
        assertThat(result.drifted()).isTrue();
    }

    @Test
    void chiSquareDriftIsStrictlyBelowTheThreshold() {
        // χ² p = 0.10836802322189587 (Evidently's chisquare stattest transcribed): drift at 0.2, none at 0.05 or at
        // exactly the p-value (Evidently: p_value < threshold)
        String[] reference = repeat("a", 30, "b", 50, "c", 20);
        String[] current = repeat("a", 28, "b", 60, "c", 32);

        assertThat(DriftTest.categorical(reference, current).drifted()).isFalse();
        assertThat(DriftTest.categorical(reference, current, null, 0.2).drifted()).isTrue();
        double p = DriftTest.categorical(reference, current).score();
        assertThat(DriftTest.categorical(reference, current, null, p).drifted()).isFalse();
    }

    @Test
    void overridesMethodAndThreshold() {
        // PSI 0.035933100048845784 (Evidently's psi stattest transcribed): below 0.1, above 0.03
        String[] reference = repeat("a", 30, "b", 50, "c", 20);
        String[] current = repeat("a", 28, "b", 60, "c", 32);

        DriftResult byDefault = DriftTest.categorical(reference, current, DriftMethod.PSI, null);
        DriftResult strict = DriftTest.categorical(reference, current, DriftMethod.PSI, 0.03);

        assertThat(byDefault.threshold()).isEqualTo(0.1);
        assertThat(byDefault.drifted()).isFalse();
        assertThat(strict.drifted()).isTrue();
    }

    @Test
    void missingValuesAreDropped() {
        double[] reference = Samples.concat(golden(50, 0, 1), new double[] {Double.NaN, Double.POSITIVE_INFINITY});

        assertThat(DriftTest.numeric(reference, plastic(12000, 0.3, 1)).score())
                .isEqualTo(DriftTest.numeric(golden(50, 0, 1), plastic(12000, 0.3, 1)).score());
        assertThatThrownBy(() -> DriftTest.numeric(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMethodsThatDoNotApply() {
        assertThatThrownBy(() -> DriftTest.categorical(new String[] {"a"}, new String[] {"b"}, DriftMethod.KS, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void methodsByEvidentlyName() {
        assertThat(DriftMethod.ofStattest("jensenshannon")).isEqualTo(DriftMethod.JENSEN_SHANNON);
        assertThatThrownBy(() -> DriftMethod.ofStattest("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void datasetDriftsWhenHalfTheFeaturesDo() {
        // Evidently's get_dataset_drift: share_drifted_columns >= drift_share (0.5 by default)
        DriftResult drifted = DriftResult.of(DriftMethod.PSI, 0.3, 0.1);
        DriftResult stable = DriftResult.of(DriftMethod.PSI, 0.01, 0.1);

        DatasetDrift half = DatasetDrift.of(List.of(drifted, stable));
        DatasetDrift third = DatasetDrift.of(List.of(drifted, stable, stable));

        assertThat(half.share()).isEqualTo(0.5);
        assertThat(half.drifted()).isTrue();
        assertThat(third.drifted()).isFalse();
        assertThat(DatasetDrift.of(List.of(drifted, stable, stable), 0.3).drifted()).isTrue();
    }
}

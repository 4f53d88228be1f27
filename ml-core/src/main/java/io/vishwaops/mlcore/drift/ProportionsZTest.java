package io.vishwaops.mlcore.drift;

/**
 * The two-proportion Z-test, Evidently's "z" stattest: the first category in sorted order counts as 0, every
 * other as 1, and z = (p₁ − p₂) / √(P(1 − P)(1/n₁ + 1/n₂)) with P the pooled share. The two-sided p-value is
 * computed as erfc(|z|/√2); Evidently writes 2·(1 − Φ(|z|)), which is the same number up to 1e-16 but rounds to 0
 * beyond |z| ≈ 8.3, where ours stays accurate. Both samples holding the one same value give p = 1.
 */
public final class ProportionsZTest {

    private ProportionsZTest() {
    }

    /**
     * The outcome of a test.
     *
     * @param z the standardised difference of the two proportions (reference minus current)
     * @param pValue P(|Z| ≥ |z|) for a standard normal Z
     */
    public record Result(double z, double pValue) {
    }

    public static Result test(String[] reference, String[] current) {
        return test(CategoryCounts.of(reference, current));
    }

    static Result test(CategoryCounts counts) {
        if (counts.size() < 2) {
            return new Result(0, 1);
        }
        double n1 = counts.referenceTotal();
        double n2 = counts.currentTotal();
        double p1 = (n1 - counts.reference(0)) / n1;
        double p2 = (n2 - counts.current(0)) / n2;
        double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        return new Result(z, SpecialFunctions.normalTwoSided(z));
    }
}

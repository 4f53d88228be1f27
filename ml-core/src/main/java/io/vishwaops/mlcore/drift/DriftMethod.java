package io.vishwaops.mlcore.drift;

/**
 * The drift statistics, named by Evidently's stattest names, with Evidently's default thresholds and its sense of
 * "drifted": a p-value at or below (KS) or below (χ², Z) the threshold, a distance at or above it.
 */
public enum DriftMethod {

    /** Two-sample Kolmogorov–Smirnov p-value; numeric. */
    KS("ks", 0.05, true, true, false),
    /** χ² p-value of the current counts against the reference shares; categorical. */
    CHI_SQUARE("chisquare", 0.05, true, false, true),
    /** Two-proportion Z-test p-value; binary categorical. */
    Z("z", 0.05, true, false, true),
    /** Wasserstein distance over the reference standard deviation; numeric. */
    WASSERSTEIN("wasserstein", 0.1, false, true, false),
    /** Jensen–Shannon distance (natural log) of the binned or per-category shares; either. */
    JENSEN_SHANNON("jensenshannon", 0.1, false, true, true),
    /** Population stability index of the binned or per-category shares; either. */
    PSI("psi", 0.1, false, true, true);

    private final String stattest;
    private final double defaultThreshold;
    private final boolean pValue;
    private final boolean numeric;
    private final boolean categorical;

    DriftMethod(String stattest, double defaultThreshold, boolean pValue, boolean numeric, boolean categorical) {
        this.stattest = stattest;
        this.defaultThreshold = defaultThreshold;
        this.pValue = pValue;
        this.numeric = numeric;
        this.categorical = categorical;
    }

    /** Evidently's name for it ("ks", "chisquare", "z", "wasserstein", "jensenshannon", "psi"). */
    public String stattest() {
        return stattest;
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    /** Whether the score is a p-value (small means drift) rather than a distance (large means drift). */
    public boolean isPValue() {
        return pValue;
    }

    /** Whether it applies to numbers. χ² and Z do too, on numbers as categories, when the defaults pick them. */
    public boolean appliesToNumeric() {
        return numeric || this == CHI_SQUARE || this == Z;
    }

    public boolean appliesToCategorical() {
        return categorical;
    }

    /** Whether {@code score} means drift at {@code threshold}. */
    public boolean drifted(double score, double threshold) {
        return switch (this) {
            case KS -> score <= threshold;
            case CHI_SQUARE, Z -> score < threshold;
            default -> score >= threshold;
        };
    }

    /** The method named by Evidently's stattest name. */
    public static DriftMethod ofStattest(String name) {
        for (DriftMethod method : values()) {
            if (method.stattest.equals(name)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown drift method '" + name + "'");
    }
}

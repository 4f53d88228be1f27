package io.vishwaops.mlcore.drift;

/**
 * The special functions behind the p-values, written here because ml-core depends on the JDK only.
 *
 * <ul>
 * <li>{@link #logGamma}: Lanczos' approximation with the 14-term coefficients of Numerical Recipes (3rd ed., 6.1),
 * relative error below 1e-15 for positive arguments.</li>
 * <li>{@link #regularizedGammaQ}: the regularised upper incomplete gamma Q(a, x), by its power series for
 * x &lt; a + 1 and by its continued fraction (modified Lentz) otherwise, as in Numerical Recipes 6.2. Relative
 * error near 1e-14 for moderate a; the prefactor exp(-x + a ln x - ln Γ(a)) loses about a·1e-16, so for thousands
 * of degrees of freedom expect 1e-12.</li>
 * <li>{@link #erfc}: Q(1/2, x²) for x ≥ 0, so one carefully tested routine serves both the χ² and the normal
 * distribution; absolute error below 1e-15.</li>
 * </ul>
 */
final class SpecialFunctions {

    private static final double EPS = 1e-16;
    private static final double FPMIN = Double.MIN_NORMAL / EPS;
    private static final int MAX_ITERATIONS = 1_000_000;

    private static final double[] LANCZOS = {57.1562356658629235, -59.5979603554754912, 14.1360979747417471,
            -0.491913816097620199, .339946499848118887e-4, .465236289270485756e-4, -.983744753048795646e-4,
            .158088703224912494e-3, -.210264441724104883e-3, .217439618115212643e-3, -.164318106536763890e-3,
            .844182239838527433e-4, -.261908384015814087e-4, .368991826595316234e-5};

    /** ln Γ(1/2) = ln √π, exact to the last bit rather than through the approximation. */
    private static final double LOG_GAMMA_HALF = 0.5723649429247001;

    private SpecialFunctions() {
    }

    /** ln Γ(x) for x &gt; 0. */
    static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
        }
        if (x == 0.5) {
            return LOG_GAMMA_HALF;
        }
        if (x == 1 || x == 2) {
            return 0;
        }
        double y = x;
        double tmp = x + 671.0 / 128;
        tmp = (x + 0.5) * Math.log(tmp) - tmp;
        double ser = 0.999999999999997092;
        for (double c : LANCZOS) {
            ser += c / ++y;
        }
        return tmp + Math.log(2.5066282746310005 * ser / x);
    }

    /** The regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), a &gt; 0, x ≥ 0. */
    static double regularizedGammaQ(double a, double x) {
        checkGammaArguments(a, x);
        if (x == 0) {
            return 1;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
    }

    /** The regularised lower incomplete gamma function P(a, x) = 1 - Q(a, x). */
    static double regularizedGammaP(double a, double x) {
        checkGammaArguments(a, x);
        if (x == 0) {
            return 0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 1;
        }
        return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
    }

    /** The complementary error function. */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double q = regularizedGammaQ(0.5, x * x);
        return x >= 0 ? q : 2 - q;
    }

    /** P(X ≥ x) for X ~ χ²(k): Q(k/2, x/2). */
    static double chiSquareSurvival(double x, double degreesOfFreedom) {
        if (x <= 0) {
            return 1;
        }
        return regularizedGammaQ(degreesOfFreedom / 2, x / 2);
    }

    /** P(|Z| ≥ |z|) for a standard normal Z: erfc(|z| / √2). */
    static double normalTwoSided(double z) {
        return erfc(Math.abs(z) / Math.sqrt(2));
    }

    private static void checkGammaArguments(double a, double x) {
        if (!(a > 0) || !(x >= 0)) {
            throw new IllegalArgumentException("incomplete gamma needs a > 0 and x >= 0, got a=" + a + ", x=" + x);
        }
    }

    /** P(a, x) by its series; converges fast for x &lt; a + 1. */
    private static double gammaSeries(double a, double x) {
        double ap = a;
        double term = 1 / a;
        double sum = term;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            ap++;
            term *= x / ap;
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPS) {
                return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
            }
        }
        throw new ArithmeticException("incomplete gamma series did not converge for a=" + a + ", x=" + x);
    }

    /** Q(a, x) by its continued fraction (modified Lentz); converges fast for x ≥ a + 1. */
    private static double gammaContinuedFraction(double a, double x) {
        double b = x + 1 - a;
        double c = 1 / FPMIN;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < FPMIN) {
                d = FPMIN;
            }
            c = b + an / c;
            if (Math.abs(c) < FPMIN) {
                c = FPMIN;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) {
                return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
            }
        }
        throw new ArithmeticException("incomplete gamma fraction did not converge for a=" + a + ", x=" + x);
    }
}

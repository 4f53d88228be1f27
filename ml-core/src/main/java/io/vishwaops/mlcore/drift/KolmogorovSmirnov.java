package io.vishwaops.mlcore.drift;

import java.util.Arrays;

/**
 * The two-sample Kolmogorov–Smirnov test, two-sided, as {@code scipy.stats.ks_2samp(a, b)} (method 'auto')
 * computes it in scipy 1.17.
 *
 * <p>D is the largest gap between the two empirical CDFs, each evaluated right-continuously at every observed
 * value (so ties are handled as scipy's {@code searchsorted(..., side='right')} does). The p-value is
 * <ul>
 * <li><b>exact</b> when both samples have at most {@value #MAX_EXACT_SIZE} values (scipy's {@code MAX_AUTO_N}: the
 * rule is on the larger sample, not on the product of the sizes): D is snapped to h / lcm(n, m) with h rounded
 * half to even, and P(D ≥ h / lcm) is the share of lattice paths from (0, 0) to (n, m) that touch
 * |x/n − y/m| ≥ h / lcm. For n = m that is Hodges' alternating sum, evaluated Horner-like so it does not cancel;
 * otherwise a column-by-column recursion over the band that carries the probability of having already left it
 * (Hodges 1958, with Viehmann's 2021 recursion for 1 − p, as scipy's {@code _compute_outer_prob_inside_method}).
 * It costs O(max(n, m) × band width), at worst about n·m steps (10⁸ for two samples of 10,000).</li>
 * <li><b>asymptotic</b> otherwise: {@code kstwo.sf(D, round(n·m / (n + m)))}, the finite-n one-sample Kolmogorov
 * distribution, see {@link KolmogorovDistribution}. scipy no longer uses the limiting distribution
 * {@code kstwobign} for the two-sided test, and neither do we.</li>
 * </ul>
 */
public final class KolmogorovSmirnov {

    /** The larger sample size up to which the p-value is exact (scipy's {@code MAX_AUTO_N}). */
    public static final int MAX_EXACT_SIZE = 10_000;

    private KolmogorovSmirnov() {
    }

    /** How the p-value was computed. */
    public enum Method {
        EXACT, ASYMPTOTIC
    }

    /**
     * The outcome of a test.
     *
     * @param statistic D, the largest distance between the two empirical CDFs
     * @param pValue P(D ≥ observed) when both samples come from one continuous distribution
     * @param method how the p-value was computed
     */
    public record Result(double statistic, double pValue, Method method) {
    }

    /**
     * Tests whether {@code a} and {@code b} come from the same distribution.
     *
     * @throws IllegalArgumentException if either sample is empty or holds a NaN
     */
    public static Result twoSample(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
        double[] x = sortedCopy(a);
        double[] y = sortedCopy(b);
        int n1 = x.length;
        int n2 = y.length;
        double d = statistic(x, y);
        if (Math.max(n1, n2) <= MAX_EXACT_SIZE) {
            long g = gcd(n1, n2);
            long lcm = (n1 / g) * (long) n2;
            long h = (long) Math.rint(d * lcm);
            double snapped = (double) h / lcm;
            if (h == 0) {
                return new Result(snapped, 1.0, Method.EXACT);
            }
            double p = n1 == n2 ? probabilityOutsideSquare(n1, h) : probabilityOutsideBand(n1, n2, g, h);
            if (p >= 0 && p <= 1) {
                return new Result(snapped, p, Method.EXACT);
            }
        }
        double m = Math.max(n1, n2);
        double n = Math.min(n1, n2);
        long effective = (long) Math.rint(m * n / (m + n));
        return new Result(d, KolmogorovDistribution.survival(effective, d), Method.ASYMPTOTIC);
    }

    private static double[] sortedCopy(double[] values) {
        double[] copy = values.clone();
        for (double v : copy) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("samples must not hold NaN");
            }
        }
        Arrays.sort(copy);
        return copy;
    }

    /** max |F_x(t) − F_y(t)| over all observed t, the ECDFs counting values ≤ t. */
    static double statistic(double[] x, double[] y) {
        int i = 0;
        int j = 0;
        double max = 0;
        while (i < x.length || j < y.length) {
            double t = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
            while (i < x.length && x[i] == t) {
                i++;
            }
            while (j < y.length && y[j] == t) {
                j++;
            }
            max = Math.max(max, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return max;
    }

    /**
     * P(D_{n,n} ≥ h/n) = 2 Σ_{k≥1} (−1)^{k−1} C(2n, n − kh) / C(2n, n), written as
     * 2·A1(1 − A2(1 − A3(...))) where each A_k is a ratio of h simple factors, so no term is ever large.
     */
    static double probabilityOutsideSquare(long n, long h) {
        double p = 0;
        for (long k = n / h; k >= 0; k--) {
            double a = 1;
            for (long j = 0; j < h; j++) {
                a = (n - k * h - j) * a / (n + k * h + j + 1);
            }
            p = a * (1 - p);
        }
        return 2 * p;
    }

    /**
     * The share of monotone lattice paths from (0, 0) to (m, n) that reach |n'·x − m'·y| ≥ h at some point, where
     * m' = m/g and n' = n/g. Column by column, each point inside the band holds the probability that a uniformly
     * random path to it has already left the band: a weighted mean of its left and lower neighbours (weights x/(x+y)
     * and y/(x+y), the shares of paths arriving from each), points outside hold 1.
     */
    static double probabilityOutsideBand(long m, long n, long g, long h) {
        if (m < n) {
            long swap = m;
            m = n;
            n = swap;
        }
        long mg = m / g;
        long ng = n / g;
        double[] column = new double[(int) n + 1];
        Arrays.fill(column, 1.0);
        int minJ = 0;
        int maxJ = (int) Math.min(ceilDiv(h, mg), n + 1);
        for (int j = minJ; j < maxJ; j++) {
            column[j] = 0;
        }
        for (long i = 1; i <= m; i++) {
            int lastMinJ = minJ;
            minJ = (int) Math.min(Math.max(Math.floorDiv(ng * i - h, mg) + 1, 0), n);
            maxJ = (int) Math.min(ceilDiv(ng * i + h, mg), n + 1);
            if (maxJ <= minJ) {
                return 1.0;
            }
            for (int j = lastMinJ; j < minJ; j++) {
                column[j] = 1.0;
            }
            double below = minJ == 0 ? 0.0 : 1.0;
            for (int j = minJ; j < maxJ; j++) {
                below = (column[j] * i + below * j) / (i + j);
                column[j] = below;
            }
        }
        return column[(int) n];
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}

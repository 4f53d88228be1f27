package io.vishwaops.mlcore.drift;

/**
 * The distribution of the two-sided one-sample Kolmogorov–Smirnov statistic D_n for finite n: the survival
 * function P(D_n ≥ x), which scipy calls {@code kstwo.sf(x, n)} and which {@code ks_2samp} uses, with
 * n = round(n1·n2 / (n1 + n2)), when the samples are too large for the exact two-sample count.
 *
 * <p>The regime choice is Simard and L'Ecuyer's (2011, "Computing the two-sided Kolmogorov–Smirnov distribution",
 * J. Stat. Softw. 39(11)), as scipy 1.17's {@code _kolmogn} makes it:
 * <ul>
 * <li>n·x ≤ 1 and n·x ≥ n − 1: Ruben and Gambino's closed forms;</li>
 * <li>x ≥ 0.5, or n ≤ 140 and n·x² &gt; 4, or n &gt; 140 and n·x² ≥ 2.2: twice the one-sided Smirnov tail
 * (Birnbaum and Tingey's sum; for x ≥ 0.5 exact, elsewhere Miller's approximation, which is what scipy does);</li>
 * <li>n ≤ 140 and n·x² ≤ 4, or n &gt; 140 with n·x^1.5 ≤ 1.4: Durbin's matrix algorithm as Marsaglia, Tsang and
 * Wang (2003) evaluate it. scipy uses Pomeranz's recursion for 0.754693 &lt; n·x² ≤ 4 when n ≤ 140; both are
 * exact, so only rounding separates them;</li>
 * <li>otherwise: the Pelz–Good (1976) expansion of the CDF.</li>
 * </ul>
 */
final class KolmogorovDistribution {

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final double PI2 = Math.PI * Math.PI;
    private static final double PI4 = PI2 * PI2;
    private static final double PI6 = PI4 * PI2;
    private static final double SCALE = 0x1p128;
    private static final int SCALE_EXPONENT = 128;

    private KolmogorovDistribution() {
    }

    /** P(D_n ≥ x), scipy's {@code kstwo.sf(x, n)}. */
    static double survival(long n, double x) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        if (x >= 1) {
            return 0;
        }
        if (x <= 0) {
            return 1;
        }
        double t = n * x;
        if (t <= 1) {
            if (t <= 0.5) {
                return 1;
            }
            double cdf;
            if (n <= 140) {
                cdf = 1;
                for (long i = 1; i <= n; i++) {
                    cdf *= i * (1.0 / n) * (2 * t - 1);
                }
            } else {
                cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
            }
            return clip(1 - cdf);
        }
        if (t >= n - 1) {
            return clip(2 * Math.pow(1 - x, n));
        }
        if (x >= 0.5) {
            return clip(2 * smirnov(n, x));
        }
        double nxSquared = t * x;
        if (n <= 140) {
            if (nxSquared <= 4) {
                return clip(1 - durbinCdf(n, x));
            }
            return clip(2 * smirnov(n, x));
        }
        if (nxSquared >= 370) {
            return 0;
        }
        if (nxSquared >= 2.2) {
            return clip(2 * smirnov(n, x));
        }
        double cdf = n <= 100_000 && n * Math.pow(x, 1.5) <= 1.4 ? durbinCdf(n, x) : pelzGoodCdf(n, x);
        return clip(1 - cdf);
    }

    /**
     * P(D_n⁺ ≥ x), the one-sided tail, by Birnbaum and Tingey's sum
     * x Σ_{j=0}^{⌊n(1−x)⌋} C(n, j) (x + j/n)^{j−1} (1 − x − j/n)^{n−j}. Every term is positive, so summing them in
     * log space loses nothing to cancellation.
     */
    static double smirnov(long n, double x) {
        if (x >= 1) {
            return 0;
        }
        if (x <= 0) {
            return 1;
        }
        long last = (long) Math.floor(n * (1 - x));
        double logBinomial = 0;
        double sum = 0;
        for (long j = 0; j <= last; j++) {
            double left = x + (double) j / n;
            double right = 1 - left;
            if (right > 0 || j == n) {
                double logTerm = logBinomial + (j - 1) * Math.log(left) + (n - j == 0 ? 0 : (n - j) * Math.log(right));
                sum += Math.exp(logTerm);
            }
            logBinomial += Math.log((double) (n - j) / (j + 1));
        }
        return Math.min(1, x * sum);
    }

    /** ln(n! / nⁿ) by Stirling's series, with n ln n taken out up front so nothing cancels. */
    private static double logFactorialOverPower(long n) {
        double rn = 1.0 / n;
        double rn2 = rn * rn;
        // Bernoulli-number coefficients B_2j / (2j (2j − 1)), j = 1..8, Horner in 1/n²
        double[] c = {8.3333333333333333333e-2, -2.7777777777777777778e-3, 7.9365079365079365079e-4,
                -5.952380952380952381e-4, 8.4175084175084175084e-4, -1.9175269175269175269e-3,
                6.4102564102564102564e-3, -2.955065359477124183e-2};
        double series = 0;
        for (int i = c.length - 1; i >= 0; i--) {
            series = series * rn2 + c[i];
        }
        return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * series;
    }

    /**
     * P(D_n ≤ x) by Durbin's matrix: with k = ⌈n x⌉, h = k − n x and m = 2k − 1, the (k, k) entry of Hⁿ times
     * n!/nⁿ. Powers are taken by squaring, rescaling by 2^128 whenever entries grow, with the exponent kept apart.
     */
    static double durbinCdf(long n, double x) {
        double nd = n * x;
        if (nd <= 0.5) {
            return 0;
        }
        int k = (int) Math.ceil(nd);
        double h = k - nd;
        int m = 2 * k - 1;
        double[] firstColumn = new double[m];
        double[] inverseFactorial = new double[m];
        double fac = 1;
        for (int j = 1; j <= m; j++) {
            inverseFactorial[j - 1] = fac;
            fac /= j;
            firstColumn[j - 1] = (1 - Math.pow(h, j)) * fac;
        }
        double tail = Math.pow(Math.max(2 * h - 1, 0), m) - 2 * Math.pow(h, m);
        firstColumn[m - 1] = (1 + tail) * fac;
        double[][] matrix = new double[m][m];
        for (int col = 1; col < m; col++) {
            for (int row = col - 1; row < m; row++) {
                matrix[row][col] = inverseFactorial[row - col + 1];
            }
        }
        for (int row = 0; row < m; row++) {
            matrix[row][0] = firstColumn[row];
        }
        for (int col = 0; col < m; col++) {
            matrix[m - 1][col] = firstColumn[m - 1 - col];
        }

        double[][] power = identity(m);
        long exponent = 0;
        long matrixExponent = 0;
        long remaining = n;
        while (remaining > 0) {
            if ((remaining & 1) == 1) {
                power = multiply(power, matrix);
                exponent += matrixExponent;
            }
            remaining >>= 1;
            if (remaining > 0) {
                matrix = multiply(matrix, matrix);
                matrixExponent *= 2;
                if (Math.abs(matrix[k - 1][k - 1]) > SCALE) {
                    scale(matrix, 1 / SCALE);
                    matrixExponent += SCALE_EXPONENT;
                }
            }
        }
        double p = power[k - 1][k - 1];
        for (long i = 1; i <= n; i++) {
            p = i * p / n;
            if (Math.abs(p) < 1 / SCALE) {
                p *= SCALE;
                exponent -= SCALE_EXPONENT;
            }
        }
        return clip(Math.scalb(p, (int) Math.max(Math.min(exponent, 4096), -4096)));
    }

    /**
     * P(D_n ≤ x) by the Pelz–Good expansion K0 + K1/√n + K2/n + K3/n^1.5 of Li-Chien and Korolyuk's series,
     * each term rewritten through Jacobi's theta identity so it converges for small z = x√n.
     */
    static double pelzGoodCdf(long n, double x) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double z = Math.sqrt(n) * x;
        double z2 = z * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double qLog = -PI2 / 8 / z2;
        if (qLog < -708) {
            return 0;
        }
        double q = Math.exp(qLog);
        double k1a = -z2;
        double k1b = PI2 / 4;
        double k2a = 6 * z6 + 2 * z4;
        double k2b = (2 * z4 - 5 * z2) * PI2 / 4;
        double k2c = PI4 * (1 - 2 * z2) / 16;
        double k3d = PI6 * (5 - 30 * z2) / 64;
        double k3c = PI4 * (-60 * z2 + 212 * z4) / 16;
        double k3b = PI2 * (135 * z4 - 96 * z6) / 4;
        double k3a = -30 * z6 - 90 * z4 * z4;

        double[] terms = new double[4];
        int maxK = (int) Math.ceil(16 * z / Math.PI);
        // Σ over odd m = 2k − 1 of c(m) q^(m²), Horner in q^(8k)
        for (int k = maxK; k >= 1; k--) {
            double mOdd = 2.0 * k - 1;
            double m2 = mOdd * mOdd;
            double m4 = m2 * m2;
            double m6 = m4 * m2;
            double qPower = Math.pow(q, 8.0 * k);
            terms[0] = terms[0] * qPower + 1;
            terms[1] = terms[1] * qPower + k1a + k1b * m2;
            terms[2] = terms[2] * qPower + k2a + k2b * m2 + k2c * m4;
            terms[3] = terms[3] * qPower + k3a + k3b * m2 + k3c * m4 + k3d * m6;
        }
        double[] divisors = {z, 6 * z4, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
        for (int i = 0; i < 4; i++) {
            terms[i] = terms[i] * q * SQRT_2PI / divisors[i];
        }
        // the sums over all integers k in K2 and K3
        double q2 = Math.exp(-PI2 / 2 / z2);
        double k2Extra = 0;
        double k3Extra = 0;
        double sqrt3z = Math.sqrt(3) * z;
        for (int k = maxK; k >= 1; k--) {
            double kk = (double) k * k;
            double qPower = Math.pow(q2, kk);
            double kPi = Math.PI * k;
            k2Extra += kk * qPower;
            k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * kk * qPower;
        }
        terms[2] += k2Extra * PI2 * SQRT_2PI / (-36 * z2 * z);
        terms[3] += k3Extra * PI2 * SQRT_2PI / (216 * z6);
        return terms[0] + terms[1] / Math.sqrt(n) + terms[2] / n + terms[3] / (n * Math.sqrt(n));
    }

    private static double[][] identity(int m) {
        double[][] id = new double[m][m];
        for (int i = 0; i < m; i++) {
            id[i][i] = 1;
        }
        return id;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        double[][] c = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < m; l++) {
                double ail = a[i][l];
                if (ail != 0) {
                    for (int j = 0; j < m; j++) {
                        c[i][j] += ail * b[l][j];
                    }
                }
            }
        }
        return c;
    }

    private static void scale(double[][] a, double factor) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
    }

    private static double clip(double p) {
        return Math.max(0, Math.min(1, p));
    }
}

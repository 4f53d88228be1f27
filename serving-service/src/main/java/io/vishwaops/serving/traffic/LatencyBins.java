package io.vishwaops.serving.traffic;

/**
 * A fixed log-scale binning of latencies: bins of 256 ns up to 1 µs, then four bins per doubling up to about two
 * minutes (longer lands in the last bin). Finding a bin is a few bit operations, and histograms over the same bins merge by
 * adding, so a window's quantiles come from its buckets' counts.
 */
final class LatencyBins {

    private static final int UNIT_SHIFT = 8;
    static final int BINS = 112;

    private LatencyBins() {
    }

    static int bin(long nanos) {
        long units = Math.max(0, nanos) >>> UNIT_SHIFT;
        if (units < 4) {
            return (int) units;
        }
        int top = 63 - Long.numberOfLeadingZeros(units);
        int sub = (int) ((units >>> (top - 2)) & 3);
        return Math.min((top - 1) * 4 + sub, BINS - 1);
    }

    /** The smallest latency, in nanoseconds, that falls in {@code bin}. */
    static long lower(int bin) {
        if (bin < 4) {
            return (long) bin << UNIT_SHIFT;
        }
        int top = bin / 4 + 1;
        int sub = bin % 4;
        return ((4L + sub) << (top - 2)) << UNIT_SHIFT;
    }

    /**
     * The {@code q} quantile in milliseconds, interpolated linearly inside its bin, or {@code null} for an empty
     * histogram.
     */
    static Double quantileMs(long[] histogram, double q) {
        long total = 0;
        for (long count : histogram) {
            total += count;
        }
        if (total == 0) {
            return null;
        }
        double rank = Math.max(1, Math.ceil(q * total));
        long below = 0;
        for (int i = 0; i < histogram.length; i++) {
            if (histogram[i] > 0 && below + histogram[i] >= rank) {
                double from = lower(i);
                double to = lower(i + 1);
                double nanos = from + (to - from) * (rank - below - 0.5) / histogram[i];
                return round(nanos / 1e6);
            }
            below += histogram[i];
        }
        return round(lower(BINS - 1) / 1e6);
    }

    /** Three decimals: a microsecond in milliseconds. */
    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

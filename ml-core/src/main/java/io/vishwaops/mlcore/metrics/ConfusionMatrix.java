package io.vishwaops.mlcore.metrics;

/**
 * Counts of true class (row) against predicted class (column), and the per-class and averaged precision, recall and
 * F1 read off it. Macro averages weigh every class the same; weighted averages weigh each class by its support
 * (its number of true rows). A class never predicted has precision 0, one never present has recall 0 (scikit-learn's
 * {@code zero_division=0}).
 */
public record ConfusionMatrix(long[][] counts) {

    public ConfusionMatrix {
        counts = copy(counts);
        for (long[] row : counts) {
            if (row.length != counts.length) {
                throw new IllegalArgumentException("a confusion matrix is square");
            }
        }
    }

    public static ConfusionMatrix of(int[] truth, int[] predicted, int classCount) {
        Checks.sameLength(truth.length, predicted.length);
        long[][] counts = new long[classCount][classCount];
        for (int i = 0; i < truth.length; i++) {
            Checks.label(truth[i], classCount, i);
            Checks.label(predicted[i], classCount, i);
            counts[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts);
    }

    @Override
    public long[][] counts() {
        return copy(counts);
    }

    public int classCount() {
        return counts.length;
    }

    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    public double accuracy() {
        long correct = 0;
        for (int k = 0; k < counts.length; k++) {
            correct += counts[k][k];
        }
        return (double) correct / total();
    }

    /** Rows whose true class is k. */
    public long support(int k) {
        long n = 0;
        for (long c : counts[k]) {
            n += c;
        }
        return n;
    }

    private long predictedAs(int k) {
        long n = 0;
        for (long[] row : counts) {
            n += row[k];
        }
        return n;
    }

    public double precision(int k) {
        long predicted = predictedAs(k);
        return predicted == 0 ? 0 : (double) counts[k][k] / predicted;
    }

    public double recall(int k) {
        long support = support(k);
        return support == 0 ? 0 : (double) counts[k][k] / support;
    }

    public double f1(int k) {
        double p = precision(k);
        double r = recall(k);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double[] precisions() {
        return perClass(this::precision);
    }

    public double[] recalls() {
        return perClass(this::recall);
    }

    public double[] f1s() {
        return perClass(this::f1);
    }

    public double macroPrecision() {
        return mean(precisions());
    }

    public double macroRecall() {
        return mean(recalls());
    }

    public double macroF1() {
        return mean(f1s());
    }

    public double weightedPrecision() {
        return weighted(precisions());
    }

    public double weightedRecall() {
        return weighted(recalls());
    }

    public double weightedF1() {
        return weighted(f1s());
    }

    private double[] perClass(java.util.function.IntToDoubleFunction metric) {
        double[] out = new double[counts.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = metric.applyAsDouble(k);
        }
        return out;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private double weighted(double[] values) {
        double sum = 0;
        long n = 0;
        for (int k = 0; k < values.length; k++) {
            sum += values[k] * support(k);
            n += support(k);
        }
        return n == 0 ? 0 : sum / n;
    }

    private static long[][] copy(long[][] m) {
        long[][] out = new long[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix other && java.util.Arrays.deepEquals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + java.util.Arrays.deepToString(counts);
    }
}

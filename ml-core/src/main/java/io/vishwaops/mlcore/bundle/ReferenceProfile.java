package io.vishwaops.mlcore.bundle;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.vishwaops.mlcore.pipeline.FeaturePipeline;
import io.vishwaops.mlcore.pipeline.InputColumn;

/**
 * The training data as drift monitoring compares live traffic with: per raw input column a seeded sample of the
 * training values (numbers, or categories and booleans as text), with the share missing, and the model's own
 * predictions on those rows. Samples, not summaries, because the two-sample tests (Kolmogorov–Smirnov, Wasserstein,
 * χ², Jensen–Shannon) need the reference values; the cap keeps a bundle small.
 *
 * @param rows how many training rows the sample was drawn from
 * @param numeric numeric column to its sampled present values
 * @param categorical categorical, text and boolean column to its sampled present values
 * @param missingShare column to the share of training rows where it was missing
 * @param numericPredictions the predictions on the sampled rows (regression), or empty
 * @param classPredictions the predicted class names on the sampled rows (classification), or empty
 */
public record ReferenceProfile(long rows, Map<String, double[]> numeric, Map<String, String[]> categorical,
        Map<String, Double> missingShare, double[] numericPredictions, String[] classPredictions)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** How many rows a reference keeps at most. */
    public static final int DEFAULT_SAMPLE = 5000;

    /** The sample size: what the tests compare against (Evidently picks its method by it). */
    public int sampleSize() {
        return Math.max(numericPredictions.length, classPredictions.length);
    }

    /**
     * Draws the reference from training rows.
     *
     * @param predictions the model's prediction for each row, as {@link Prediction#value()}
     */
    public static ReferenceProfile of(FeaturePipeline pipeline, List<? extends Map<String, ?>> rows,
            List<Object> predictions, int cap, long seed) {
        if (predictions.size() != rows.size()) {
            throw new IllegalArgumentException(predictions.size() + " predictions for " + rows.size() + " rows");
        }
        int[] picked = sample(rows.size(), cap, seed);
        Map<String, double[]> numeric = new LinkedHashMap<>();
        Map<String, String[]> categorical = new LinkedHashMap<>();
        Map<String, Double> missing = new LinkedHashMap<>();
        List<Map<String, Object>> prepared = new ArrayList<>(picked.length);
        for (int i : picked) {
            prepared.add(pipeline.prepare(rows.get(i)));
        }
        for (InputColumn c : pipeline.inputs()) {
            long absent = rows.stream().filter(r -> io.vishwaops.mlcore.pipeline.Values.isMissing(r.get(c.name()))).count();
            missing.put(c.name(), rows.isEmpty() ? 0.0 : (double) absent / rows.size());
            switch (c.kind()) {
                case NUMERIC -> numeric.put(c.name(), prepared.stream().map(r -> r.get(c.name()))
                        .filter(v -> v != null).mapToDouble(v -> ((Number) v).doubleValue()).toArray());
                case BOOLEAN, CATEGORICAL -> categorical.put(c.name(), prepared.stream().map(r -> r.get(c.name()))
                        .filter(v -> v != null).map(String::valueOf).toArray(String[]::new));
                case TIMESTAMP -> {
                    // compared through the derived features that read it, not as itself
                }
            }
        }
        double[] numericPredictions = new double[0];
        String[] classPredictions = new String[0];
        if (!predictions.isEmpty() && predictions.getFirst() instanceof Number) {
            numericPredictions = java.util.Arrays.stream(picked)
                    .mapToDouble(i -> ((Number) predictions.get(i)).doubleValue()).toArray();
        } else {
            classPredictions = java.util.Arrays.stream(picked).mapToObj(i -> String.valueOf(predictions.get(i)))
                    .toArray(String[]::new);
        }
        return new ReferenceProfile(rows.size(), numeric, categorical, missing, numericPredictions, classPredictions);
    }

    /** Up to {@code cap} distinct indexes of {@code n}, in increasing order, the same for the same seed. */
    private static int[] sample(int n, int cap, long seed) {
        if (n <= cap) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        int[] reservoir = java.util.stream.IntStream.range(0, cap).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = cap; i < n; i++) {
            int j = random.nextInt(i + 1);
            if (j < cap) {
                reservoir[j] = i;
            }
        }
        java.util.Arrays.sort(reservoir);
        return reservoir;
    }
}

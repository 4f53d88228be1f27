package io.vishwaops.mlcore.pipeline;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/** One feature column's fitted preparation: reads the coerced value, writes its output columns. */
sealed interface ColumnTransform extends Serializable {

    String column();

    /** The names of the output columns, in order. */
    List<String> outputs();

    /** How many output columns: {@code outputs().size()} without building the list, for the per-row path. */
    default int width() {
        return 1;
    }

    /** Writes this column's outputs for {@code value} (already read by {@link Values}) at {@code out[offset...]}. */
    void write(Object value, double[] out, int offset);

    /** impute → log → bucketize → scale. */
    record Numeric(String column, Double fill, boolean log, double[] buckets, double shift, double factor)
            implements ColumnTransform {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> outputs() {
            return List.of(column);
        }

        @Override
        public void write(Object value, double[] out, int offset) {
            double x = filled(column, Values.number(column, value), fill);
            out[offset] = (prepare(column, x, log, buckets) - shift) * factor;
        }

        static double prepare(String column, double x, boolean log, double[] buckets) {
            double v = x;
            if (log) {
                if (v <= -1) {
                    throw new TransformException(column, "is " + x + ", but its log transform ln(1 + x) needs x > -1");
                }
                v = Math.log1p(v);
            }
            if (buckets != null) {
                int n = 0;
                while (n < buckets.length && buckets[n] <= v) {
                    n++;
                }
                v = n;
            }
            return v;
        }
    }

    /** impute → 0 / 1. */
    record Bool(String column, Boolean fill) implements ColumnTransform {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> outputs() {
            return List.of(column);
        }

        @Override
        public void write(Object value, double[] out, int offset) {
            out[offset] = filled(column, Values.bool(column, value), fill) ? 1 : 0;
        }
    }

    /** impute → one-hot or ordinal over the sorted training categories. */
    record Categorical(String column, String fill, List<String> categories, boolean oneHot, String unseen,
            String mostFrequent) implements ColumnTransform {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> outputs() {
            return oneHot ? categories.stream().map(c -> column + "=" + c).toList() : List.of(column);
        }

        @Override
        public int width() {
            return oneHot ? categories.size() : 1;
        }

        @Override
        public void write(Object value, double[] out, int offset) {
            String c = filled(column, Values.category(column, value), fill);
            int index = java.util.Collections.binarySearch(categories, c);
            if (index < 0) {
                switch (unseen) {
                    case "error" -> throw new TransformException(column, "category \"" + c
                            + "\" was not seen in training; known: " + String.join(", ", categories));
                    case "most_frequent" -> index = java.util.Collections.binarySearch(categories, mostFrequent);
                    default -> index = -1;
                }
            }
            if (oneHot) {
                for (int k = 0; k < categories.size(); k++) {
                    out[offset + k] = k == index ? 1 : 0;
                }
            } else {
                out[offset] = index;
            }
        }
    }

    /** The value, or the fitted fill when it is missing; missing with nothing to fill is refused, naming the column. */
    private static <T> T filled(String column, T value, T fill) {
        if (value != null) {
            return value;
        }
        if (fill == null) {
            throw new TransformException(column, "is missing, and the pipeline imputes nothing for it");
        }
        return fill;
    }
}

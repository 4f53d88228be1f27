package io.vishwaops.mlcore.pipeline;

import java.util.List;

/**
 * How one feature column is prepared, as a pipeline spec writes it. Every field is optional: an unset field falls
 * back to the spec's defaults for the column's kind, then to the built-in ones. Numbers go through
 * impute → log → bucketize → scale; categories and booleans through impute → encode.
 *
 * @param impute {@code mean}, {@code median}, {@code most_frequent}, {@code constant} (with {@code fill}) or
 *        {@code none} (a missing value is then an error at prediction time)
 * @param fill the value {@code constant} imputation puts in
 * @param log whether to take {@code ln(1 + x)} (values must be above -1)
 * @param bucketize increasing boundaries: the value becomes how many of them are at or below it
 * @param scale {@code none}, {@code standard} (mean 0, standard deviation 1) or {@code minmax} (0..1 on the
 *        training range)
 * @param encode {@code one_hot} or {@code ordinal} (categories in sorted order, 0-based)
 * @param unseen what a category not seen in training becomes: {@code ignore} (all one-hot columns 0, ordinal -1),
 *        {@code most_frequent} (the most frequent training category) or {@code error} (the request is refused)
 */
public record ColumnConfig(String impute, Object fill, Boolean log, List<Double> bucketize, String scale,
        String encode, String unseen) {

    public static final ColumnConfig NONE = new ColumnConfig(null, null, null, null, null, null, null);

    static final ColumnConfig NUMERIC_DEFAULTS = new ColumnConfig("mean", null, false, null, "none", null, null);
    static final ColumnConfig CATEGORICAL_DEFAULTS = new ColumnConfig("most_frequent", null, null, null, null,
            "one_hot", "ignore");

    /** This config with each unset field taken from {@code fallback}. */
    ColumnConfig orElse(ColumnConfig fallback) {
        if (fallback == null) {
            return this;
        }
        return new ColumnConfig(impute != null ? impute : fallback.impute, fill != null ? fill : fallback.fill,
                log != null ? log : fallback.log, bucketize != null ? bucketize : fallback.bucketize,
                scale != null ? scale : fallback.scale, encode != null ? encode : fallback.encode,
                unseen != null ? unseen : fallback.unseen);
    }
}

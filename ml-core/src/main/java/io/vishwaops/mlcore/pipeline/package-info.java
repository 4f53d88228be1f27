/**
 * The feature pipeline: a {@link io.vishwaops.mlcore.pipeline.PipelineSpec} (derived expressions, features, per-column
 * imputation, log, bucketising, scaling, one-hot or ordinal encoding with a policy for unseen categories, dropping
 * constant columns) is fitted on training rows into a {@link io.vishwaops.mlcore.pipeline.FeaturePipeline}, which
 * turns raw rows into the numeric matrix the trainers take. The fitted pipeline travels inside the model bundle, so
 * serving transforms requests exactly as training transformed its rows.
 */
package io.vishwaops.mlcore.pipeline;

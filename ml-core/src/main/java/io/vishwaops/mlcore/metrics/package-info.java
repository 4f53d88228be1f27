/**
 * Evaluation metrics, written out in plain Java so the numbers a run records do not depend on which library trained
 * the model. Definitions follow scikit-learn's, which is what users compare against: precision of a class never
 * predicted is 0, ROC AUC counts ties as half, log-loss clips probabilities at the double epsilon.
 */
package io.vishwaops.mlcore.metrics;

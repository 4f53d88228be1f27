package io.vishwaops.mlcore.metrics;

/** One point of a ROC curve: rows scoring at least {@code threshold} are called positive. */
public record RocPoint(double threshold, double falsePositiveRate, double truePositiveRate) {
}

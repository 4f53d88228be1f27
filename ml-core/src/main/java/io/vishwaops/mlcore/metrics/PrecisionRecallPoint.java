package io.vishwaops.mlcore.metrics;

/** One point of a precision-recall curve: rows scoring at least {@code threshold} are called positive. */
public record PrecisionRecallPoint(double threshold, double precision, double recall) {
}

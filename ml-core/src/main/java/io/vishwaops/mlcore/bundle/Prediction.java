package io.vishwaops.mlcore.bundle;

import java.util.Map;

/**
 * A model's answer for one row.
 *
 * @param value the predicted class name (a {@code String}) or the predicted number (a {@code Double})
 * @param probabilities class name to probability, in the model's class order; empty for regression
 */
public record Prediction(Object value, Map<String, Double> probabilities) {
}

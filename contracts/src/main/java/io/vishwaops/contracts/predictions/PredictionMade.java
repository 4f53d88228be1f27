package io.vishwaops.contracts.predictions;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Serving answered a prediction request. Keyed by model name.
 *
 * @param predictionId the id feedback refers to
 * @param inputs the feature values the model saw
 * @param prediction the predicted class label or value
 * @param probabilities class label to probability, empty for regression
 * @param shadow whether this was a shadow prediction that the caller did not receive
 */
public record PredictionMade(UUID predictionId, String model, String version, Map<String, Object> inputs,
        Object prediction, Map<String, Double> probabilities, boolean shadow, Instant predictedAt) {
}

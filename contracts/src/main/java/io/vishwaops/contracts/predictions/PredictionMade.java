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
 * @param latencyMs the time serving spent on the request this prediction answered, in milliseconds (every row of a
 *        request carries the request's time); {@code null} in events written before serving recorded it
 */
public record PredictionMade(UUID predictionId, String model, String version, Map<String, Object> inputs,
        Object prediction, Map<String, Double> probabilities, boolean shadow, Instant predictedAt, Double latencyMs) {
}

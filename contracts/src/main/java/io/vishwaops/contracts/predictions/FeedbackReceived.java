package io.vishwaops.contracts.predictions;

import java.time.Instant;
import java.util.UUID;

/** The true label for an earlier prediction arrived, perhaps hours later. Keyed by model name. */
public record FeedbackReceived(UUID predictionId, String model, Object actual, Instant receivedAt) {
}

package io.vishwaops.contracts.monitoring;

import java.time.Instant;

/** A model version's live metric, measured from feedback, fell below its test metric by more than allowed. Keyed by model name. */
public record PerformanceDegraded(String model, String version, String metric, double liveValue, double testValue,
        long windowSize, Instant detectedAt) {
}

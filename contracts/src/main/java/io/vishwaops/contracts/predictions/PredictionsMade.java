package io.vishwaops.contracts.predictions;

import java.util.List;

/**
 * Predictions serving answered, many in one message: the prediction log writes what it drains at once this way, so
 * that Kafka's per-message work (headers, batching, the broker's checks) is paid per chunk rather than per
 * prediction. Each prediction is what a {@code prediction.made} event carries, with the id of the request that made
 * it; consumers stay idempotent on each prediction's id. Keyed by model name; every prediction is of that model.
 *
 * @param model the model every prediction of the chunk is of
 * @param predictions the predictions, in the order serving answered them
 */
public record PredictionsMade(String model, List<Logged> predictions) {

    /**
     * @param requestId the id of the HTTP request that made the prediction ({@code batch-<job>} for a batch job), or
     *        {@code null} when there was none
     * @param made the prediction, as a {@code prediction.made} event carries it
     */
    public record Logged(String requestId, PredictionMade made) {
    }
}

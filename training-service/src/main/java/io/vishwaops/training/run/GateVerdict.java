package io.vishwaops.training.run;

import java.util.List;
import java.util.Map;

/**
 * What the promotion gate decided about a new version, with the numbers it decided on.
 *
 * @param verdict {@code promoted} (now champion), {@code proposed} (an approval request is open), {@code passed}
 *        (challenger, but champion was not moved: it moved meanwhile), or {@code rejected} (a gate failed)
 * @param passed whether every gate passed
 * @param metrics the new version's test metrics
 * @param championVersion the champion it was compared with, or null when there was none
 * @param championMetrics the champion's metrics on the same test rows, or null
 * @param note why the champion could not be compared, why a move did not happen, or null
 * @param approvalId the approval request opened for a manual pipeline, or null
 */
public record GateVerdict(String verdict, boolean passed, List<GateResult> gates, Map<String, Double> metrics,
        String championVersion, Map<String, Double> championMetrics, String note, String approvalId) {

    /**
     * One gate's outcome.
     *
     * @param rule the gate as people read it: {@code f1_macro >= 0.8}, {@code f1_macro beats champion by 0.005}
     * @param value the new version's value
     * @param threshold what it had to reach (for a champion margin: the champion's value plus the margin)
     */
    public record GateResult(String metric, String rule, Double value, Double threshold, boolean passed, String note) {
    }
}

package io.vishwaops.mlcore.select;

import java.util.List;

/**
 * @param leaderboard every trial, best first by the primary metric (ties by index), failed trials last
 * @param best the first trial of the leaderboard that did not fail; null only when every trial failed
 */
public record SelectionResult(List<Trial> leaderboard, Trial best) {
}

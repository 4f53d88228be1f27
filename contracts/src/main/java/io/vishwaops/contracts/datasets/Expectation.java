package io.vishwaops.contracts.datasets;

/**
 * A rule over a whole ingestion batch, checked once the batch is validated (what Great Expectations calls an
 * expectation). Which fields matter depends on the rule:
 * <ul>
 * <li>{@code row-count}: {@code min}/{@code max} rows in the batch;</li>
 * <li>{@code missing-share}: at most {@code max} (0..1) of {@code column}'s values missing;</li>
 * <li>{@code mean-between}, {@code stdev-between}: {@code column}'s mean or standard deviation within
 * {@code min}..{@code max};</li>
 * <li>{@code duplicate-share}: at most {@code max} (0..1) of the rows are duplicates;</li>
 * <li>{@code outliers}: flag {@code column}'s values outside the IQR fences ({@code method} {@code iqr},
 * {@code threshold} the fence factor, 1.5 by default) or beyond {@code threshold} standard deviations
 * ({@code method} {@code zscore}, 3 by default); flagged, not refused.</li>
 * </ul>
 *
 * @param rule the rule token
 * @param column the column concerned, or {@code null} for rules on the whole batch
 * @param min lower bound, or {@code null}
 * @param max upper bound, or {@code null}
 * @param method {@code iqr} or {@code zscore} for {@code outliers}, else {@code null}
 * @param threshold the fence factor or z-score for {@code outliers}, or {@code null} for the default
 */
public record Expectation(String rule, String column, Double min, Double max, String method, Double threshold) {
}

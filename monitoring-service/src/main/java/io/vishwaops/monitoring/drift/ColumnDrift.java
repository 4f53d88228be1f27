package io.vishwaops.monitoring.drift;

/**
 * One column's drift verdict over a window.
 *
 * @param feature the input column, or {@code prediction}
 * @param kind {@code numeric} or {@code categorical}
 * @param method Evidently's stattest name; null when the column could not be tested
 * @param score the p-value (ks, chisquare, z) or the distance (wasserstein, jensenshannon, psi)
 * @param currentSize the window's non-missing values of the column
 * @param referenceSize the reference's values of the column
 * @param problem why the column was not tested (no values in the window, no reference), or null
 */
public record ColumnDrift(String feature, String kind, String method, Double score, Double threshold, boolean drifted,
        int currentSize, int referenceSize, String problem) {

    public boolean tested() {
        return problem == null;
    }
}

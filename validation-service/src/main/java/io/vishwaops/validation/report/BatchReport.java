package io.vishwaops.validation.report;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.datasets.Expectation;

/**
 * A batch's validation report: what was checked, what passed, the reasons for what did not, the profile of the
 * values that passed, and each of the dataset's expectations with the value observed.
 *
 * @param success whether every expectation held
 */
public record BatchReport(UUID batchId, String dataset, int schemaVersion, long checked, long valid, long quarantined,
        Map<String, Long> violationsByRule, List<Column> columns, List<ExpectationResult> expectations,
        boolean success) {

    /**
     * One column's profile over the valid records. Quantiles and the histogram come from a sample of up to 256
     * values, the same sample however the batch was split; {@code distinct} is exact up to 256, estimated above.
     */
    public record Column(String name, String type, long count, long missing, long distinct, Double min, Double max,
            Double mean,
            Double stdev, Map<String, Double> quantiles, List<Double> histogramEdges, List<Long> histogram,
            Map<String, Long> topCategories, long distinctCategories) {
    }

    /** An expectation, whether it held, and what was observed. */
    public record ExpectationResult(Expectation expectation, boolean success, Double observed, String message) {
    }
}

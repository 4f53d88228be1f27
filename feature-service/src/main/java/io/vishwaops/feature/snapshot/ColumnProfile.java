package io.vishwaops.feature.snapshot;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one column of a snapshot holds. Every column has the counts; numbers add their moments and quantiles,
 * categorical, boolean and text columns their most frequent values, timestamps their range.
 *
 * @param type the schema's column type, or {@code null} for a field no schema version of the snapshot defines
 * @param count rows with a value
 * @param missing rows without one
 * @param distinct distinct values, counted up to the configured cap
 * @param distinctCapped whether the cap was reached (then {@code distinct} and {@code top} are lower bounds)
 * @param stdev the sample standard deviation (n - 1), with two values or more
 * @param quantiles {@code p5}, {@code p25}, {@code p50}, {@code p75}, {@code p95}, linearly interpolated
 * @param quantilesExact whether the quantiles come from every value or from a seeded reservoir sample
 * @param top the most frequent values, most frequent first (ties by value)
 * @param earliest the earliest timestamp, ISO-8601
 * @param latest the latest timestamp, ISO-8601
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnProfile(String name, String type, long count, long missing, long distinct,
        boolean distinctCapped, Double min, Double max, Double mean, Double stdev, Map<String, Double> quantiles,
        Boolean quantilesExact, List<Category> top, String earliest, String latest) {

    /** A value and how many rows hold it. */
    public record Category(String value, long count) {
    }
}

package io.vishwaops.feature.snapshot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How snapshots are made and read.
 *
 * @param fetchSize rows fetched per round trip when a snapshot is hashed, profiled or streamed out
 * @param distinctCap distinct values counted per column before the count stops (and says so)
 * @param topCategories most frequent values listed per categorical, boolean or text column
 * @param quantileSample numbers kept per column for quantiles: exact up to it, a seeded reservoir sample beyond
 * @param diffExamples record ids listed per kind of difference in a diff
 */
@ConfigurationProperties("vops.features.snapshots")
public record SnapshotProperties(
        @DefaultValue("2000") int fetchSize,
        @DefaultValue("1000") int distinctCap,
        @DefaultValue("10") int topCategories,
        @DefaultValue("100000") int quantileSample,
        @DefaultValue("100") int diffExamples) {
}

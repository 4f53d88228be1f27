package io.vishwaops.ingestion.inference;

import java.util.List;

/**
 * What the sample showed of one column, for a person reviewing the proposal.
 *
 * @param name the column's name in the proposed schema (and the key CSV rows use)
 * @param header the name as written in the CSV header, which differs when it was blank or repeated
 * @param type the proposed type, or {@code null} when the column was left out of the schema (see {@code note})
 * @param count values present in the sample
 * @param missing values missing (a missing-value marker or a short ragged row)
 * @param distinct distinct values seen, counting at most {@link SchemaInference#DISTINCT_CAP}
 * @param distinctCapped whether there were more distinct values than {@code distinct}
 * @param examples up to five distinct values, in order of appearance
 * @param min the smallest number seen, for numeric and integer columns, else {@code null}
 * @param max the largest number seen, for numeric and integer columns, else {@code null}
 * @param note why the column was typed or treated as it was when that is not obvious, or {@code null}
 */
public record ColumnSummary(String name, String header, String type, long count, long missing, int distinct,
        boolean distinctCapped, List<String> examples, Double min, Double max, String note) {
}

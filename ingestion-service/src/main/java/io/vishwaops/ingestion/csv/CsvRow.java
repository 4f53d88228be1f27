package io.vishwaops.ingestion.csv;

import java.util.Map;

/**
 * One data row of a CSV.
 *
 * @param row the 1-based data row number (the header is not counted, nor are blank lines)
 * @param line the 1-based physical line the row starts on (a quoted field may span several lines)
 * @param ragged whether the row has more or fewer fields than the header; the caller decides what to do
 *        with it (ingestion quarantines it)
 * @param fieldCount how many fields the row has, also when ragged
 * @param values column → raw text, or {@code null} for a missing-value marker, in header order; a short
 *        ragged row leaves its last columns out, and fields beyond the header's are counted, not kept
 */
public record CsvRow(long row, long line, boolean ragged, int fieldCount, Map<String, String> values) {
}

package io.vishwaops.ingestion.csv;

import io.vishwaops.problems.InvalidInput;

/**
 * A CSV the reader cannot go on with: bytes that are not UTF-8, a field over the size limit, a quote never
 * closed, an empty file. It is {@link InvalidInput}, so a controller that lets it through answers 400 naming
 * the line; {@link #row()}, {@link #line()} and {@link #column()} say where for callers that want to know.
 * Ragged rows are not errors: {@link CsvRow#ragged()} flags them.
 */
public class CsvFormatException extends InvalidInput {

    private final long row;
    private final long line;
    private final String column;

    CsvFormatException(long row, long line, String column, String problem) {
        super("line " + line, where(row, column) + problem);
        this.row = row;
        this.line = line;
        this.column = column;
    }

    /** The 1-based data row (the header is row 0). */
    public long row() {
        return row;
    }

    /** The 1-based physical line where the offending row starts. */
    public long line() {
        return line;
    }

    /** The column the offending field belongs to, or {@code null} when the problem is not in one field. */
    public String column() {
        return column;
    }

    private static String where(long row, String column) {
        String at = row == 0 ? "the header" : "row " + row;
        return at + (column == null ? "" : ", column '" + column + "'") + ": ";
    }
}

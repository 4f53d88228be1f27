package io.vishwaops.feature.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** How a snapshot's rows are written out. Both start each row with its record id as {@code _record_id}. */
public enum RowFormat {

    /** One canonical JSON object per line: the bytes the snapshot's sha-256 was computed over. */
    NDJSON("application/x-ndjson") {
        @Override
        void header(Writer out, List<String> columns) {
        }

        @Override
        void row(Writer out, List<String> columns, UUID recordId, JsonNode values) throws IOException {
            out.write(CanonicalRow.of(recordId, values));
            out.write('\n');
        }
    },

    /**
     * RFC 4180 with a header row: {@code _record_id}, then the snapshot's columns. A missing value is an empty field;
     * a field holding the separator, a quote, a line break or outer spaces is quoted.
     */
    CSV("text/csv") {
        @Override
        void header(Writer out, List<String> columns) throws IOException {
            out.write(CanonicalRow.RECORD_ID);
            for (String column : columns) {
                out.write(',');
                out.write(field(column));
            }
            out.write("\r\n");
        }

        @Override
        void row(Writer out, List<String> columns, UUID recordId, JsonNode values) throws IOException {
            out.write(recordId.toString());
            for (String column : columns) {
                out.write(',');
                JsonNode value = values.get(column);
                if (value != null && !value.isNull()) {
                    out.write(field(CanonicalRow.text(value)));
                }
            }
            out.write("\r\n");
        }
    };

    private final String mediaType;

    RowFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    abstract void header(Writer out, List<String> columns) throws IOException;

    abstract void row(Writer out, List<String> columns, UUID recordId, JsonNode values) throws IOException;

    void write(Writer out, List<String> columns, UUID recordId, JsonNode values) {
        try {
            row(out, columns, recordId, values);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String field(String text) {
        boolean quote = text.isEmpty() || text.indexOf(',') >= 0 || text.indexOf('"') >= 0
                || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1));
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}

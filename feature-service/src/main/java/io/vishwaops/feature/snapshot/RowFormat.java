package io.vishwaops.feature.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.UUID;

import io.vishwaops.problems.InvalidInput;

import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/** How a snapshot's rows are written out. Both start each row with its record id as {@code _record_id}. */
public enum RowFormat {

    /** One canonical JSON object per line: the bytes the snapshot's sha-256 was computed over. */
    NDJSON("application/x-ndjson") {
        @Override
        public void header(Writer out, List<String> columns) {
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
        public void header(Writer out, List<String> columns) throws IOException {
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

    /** Writes what comes before the rows: the header row of a CSV, nothing for NDJSON. */
    public abstract void header(Writer out, List<String> columns) throws IOException;

    abstract void row(Writer out, List<String> columns, UUID recordId, JsonNode values) throws IOException;

    /** Writes one row: its record id, then {@code values}; a CSV writes {@code columns} in order. */
    public void write(Writer out, List<String> columns, UUID recordId, JsonNode values) {
        try {
            row(out, columns, recordId, values);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The format a request asks for: by {@code format} ({@code csv} or {@code ndjson}) when given, else by the first
     * concrete type of {@code accept} in order of preference; NDJSON when neither says.
     */
    public static RowFormat negotiate(String format, String accept) {
        if (format != null) {
            return switch (format.toLowerCase(java.util.Locale.ROOT)) {
                case "csv" -> CSV;
                case "ndjson" -> NDJSON;
                default -> throw new InvalidInput("format", "must be csv or ndjson, was '" + format + "'");
            };
        }
        if (accept != null) {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
            for (MediaType type : types) {
                if (type.includes(NDJSON_TYPE) && type.isConcrete()) {
                    return NDJSON;
                }
                if (type.includes(CSV_TYPE) && type.isConcrete()) {
                    return CSV;
                }
                if (type.isWildcardType() || type.isWildcardSubtype()) {
                    break;
                }
            }
        }
        return NDJSON;
    }

    private static final MediaType NDJSON_TYPE = MediaType.parseMediaType("application/x-ndjson");
    private static final MediaType CSV_TYPE = MediaType.parseMediaType("text/csv");

    private static String field(String text) {
        boolean quote = text.isEmpty() || text.indexOf(',') >= 0 || text.indexOf('"') >= 0
                || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1));
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}

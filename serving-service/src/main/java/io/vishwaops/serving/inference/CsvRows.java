package io.vishwaops.serving.inference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV with a header row (RFC 4180: quoted fields may hold commas, quotes and line breaks), read row by row as maps
 * of column to text. Empty fields are missing values; the model's pipeline reads numbers and booleans from text.
 */
public final class CsvRows implements AutoCloseable {

    private final BufferedReader in;
    private final List<String> header;
    private long line;

    public CsvRows(Reader reader) {
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        List<String> names = readRecord();
        if (names == null || names.isEmpty() || names.size() == 1 && names.getFirst().isBlank()) {
            throw new InvalidRows("csv", "the CSV has no header row naming the columns");
        }
        if (!names.isEmpty() && names.getFirst().startsWith("\uFEFF")) {
            names.set(0, names.getFirst().substring(1));
        }
        this.header = List.copyOf(names.stream().map(String::trim).toList());
    }

    public List<String> header() {
        return header;
    }

    /** The next row, or {@code null} at the end; a row with another number of fields than the header is refused. */
    public Map<String, Object> next() {
        List<String> fields;
        do {
            fields = readRecord();
            if (fields == null) {
                return null;
            }
        } while (fields.size() == 1 && fields.getFirst().isEmpty());
        if (fields.size() != header.size()) {
            throw new InvalidRows("csv", "line " + line + " has " + fields.size() + " fields, the header has "
                    + header.size());
        }
        Map<String, Object> row = new LinkedHashMap<>(header.size() * 2);
        for (int i = 0; i < fields.size(); i++) {
            String value = fields.get(i);
            row.put(header.get(i), value.isEmpty() ? null : value);
        }
        return row;
    }

    public static List<Map<String, Object>> readAll(Reader reader) {
        try (CsvRows csv = new CsvRows(reader)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row = csv.next(); row != null; row = csv.next()) {
                rows.add(row);
            }
            return rows;
        }
    }

    private List<String> readRecord() {
        try {
            String text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int i = 0;
            while (true) {
                if (i >= text.length()) {
                    if (quoted) {
                        String more = in.readLine();
                        if (more == null) {
                            throw new InvalidRows("csv", "line " + line + " ends inside a quoted field");
                        }
                        line++;
                        field.append('\n');
                        text = more;
                        i = 0;
                        continue;
                    }
                    fields.add(field.toString());
                    return fields;
                }
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c != '\r' || i < text.length()) {
                    field.append(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

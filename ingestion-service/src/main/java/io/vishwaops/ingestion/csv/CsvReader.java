package io.vishwaops.ingestion.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a CSV one row at a time from a stream, holding only a 64 K buffer and the current row, so a
 * gigabyte upload streams through in constant memory.
 * <ul>
 * <li>The first row is the header. Its names become the keys of {@link CsvRow#values()}, with two repairs so
 * keys stay unique and present: a blank name becomes {@code column_<position>} (1-based), and a repeated name
 * gets {@code _2}, {@code _3}, ... ({@code x, x} → {@code x, x_2}). {@link #header()} keeps the names as
 * written.</li>
 * <li>The separator is {@code ,}, {@code ;} or a tab, given or detected: the one that occurs most often
 * outside quotes in the header line (ties go in that order; none at all means one column and {@code ,}).</li>
 * <li>RFC 4180 quoting: a field in double quotes may hold separators, line breaks and doubled quotes
 * ({@code ""} → {@code "}). Leniently, a quote inside an unquoted field is kept as a character, and text
 * after a closing quote is appended ({@code "ab"c} → {@code abc}).</li>
 * <li>Strict UTF-8 (an initial byte-order mark is skipped): bytes that are not UTF-8 stop the read with a
 * {@link CsvFormatException} naming the row and column.</li>
 * <li>Lines end in LF, CRLF or CR. Blank lines are skipped and not counted as rows.</li>
 * <li>A field longer than {@link CsvOptions#maxFieldChars()} stops the read as soon as the limit is passed,
 * naming row and column; so does a quote that is never closed.</li>
 * <li>A row with more or fewer fields than the header is not an error: it comes back
 * {@linkplain CsvRow#ragged() ragged} with its field count.</li>
 * <li>Fields equal to a {@linkplain CsvOptions#missing() missing-value marker} become {@code null}; other
 * values stay raw text (type coercion is validation's job).</li>
 * </ul>
 * Not thread-safe. Closing the reader closes the stream.
 */
public final class CsvReader implements Iterator<CsvRow>, AutoCloseable {

    /** The most columns a header may have; a file of nothing but separators would otherwise fill the heap. */
    public static final int MAX_COLUMNS = 10_000;

    private static final int BUFFER = 1 << 16;
    private static final int SEPARATOR = 0;
    private static final int END_OF_LINE = 1;
    private static final int END_OF_INPUT = 2;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private final char[] buf = new char[BUFFER];
    private final CharBuffer chars = CharBuffer.wrap(buf);
    private int pos;
    private int limit;
    private boolean bytesEnded;
    private boolean decoderDone;
    private boolean malformed;

    private final char separator;
    private final char[][] missing;
    private final int maxField;
    private char[] field = new char[128];
    private int fieldLength;
    private boolean afterCr;

    private final List<String> header;
    private final List<String> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private boolean readingHeader = true;
    private List<String> headerFields = new ArrayList<>();
    private String[] fields;
    private int fieldCount;

    private long line = 1;
    private long rowLine;
    private long rows;
    private CsvRow next;
    private boolean done;

    private CsvReader(InputStream in, CsvOptions options) {
        this.in = in;
        this.missing = options.missingChars();
        this.maxField = options.maxFieldChars();
        if (fill() && buf[pos] == '\uFEFF') {
            pos++;
        }
        this.separator = options.separator() != null ? options.separator() : detectSeparator();
        if (!readRecord()) {
            throw new CsvFormatException(0, 1, null, "the CSV is empty; its first line must name the columns");
        }
        readingHeader = false;
        this.header = List.copyOf(headerFields);
        this.columns = uniqueNames(header);
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
        headerFields = null;
        fields = new String[columns.size()];
    }

    /** A reader with {@link CsvOptions#defaults()}; reads the header before returning. */
    public static CsvReader open(InputStream in) {
        return open(in, CsvOptions.defaults());
    }

    /**
     * A reader that has read the header; the rows follow.
     *
     * @throws CsvFormatException when there is no header or it cannot be read
     */
    public static CsvReader open(InputStream in, CsvOptions options) {
        return new CsvReader(in, options);
    }

    /** The separator in use, given or detected. */
    public char separator() {
        return separator;
    }

    /** The header's names as written in the file. */
    public List<String> header() {
        return header;
    }

    /** The keys of {@link CsvRow#values()}: the header's names, blank ones named and repeated ones numbered. */
    public List<String> columns() {
        return columns;
    }

    /** Data rows returned so far. */
    public long rowsRead() {
        return rows;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            boolean read;
            try {
                read = readRecord();
            }
            catch (RuntimeException ex) {
                done = true;
                throw ex;
            }
            if (read) {
                int kept = Math.min(fieldCount, fields.length);
                next = new CsvRow(++rows, rowLine, fieldCount != fields.length, fieldCount,
                        new RowValues(columns, index, fields, kept));
                fields = new String[columns.size()];
            }
            else {
                done = true;
            }
        }
        return next != null;
    }

    /**
     * The next row.
     *
     * @throws CsvFormatException when the input cannot be read as CSV from here on
     */
    @Override
    public CsvRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CsvRow row = next;
        next = null;
        return row;
    }

    /** The remaining rows as a sequential stream; closing it closes the reader. */
    public Stream<CsvRow> rows() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }

    @Override
    public void close() {
        try {
            in.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** One record into the fields; false at the end of the input. */
    private boolean readRecord() {
        rowLine = line;
        fieldCount = 0;
        while (true) {
            if (pos == limit && !fill()) {
                return false;
            }
            char c = buf[pos];
            if (c == '\n' || c == '\r') {
                pos++;
                endLine(c);
            }
            else {
                break;
            }
        }
        rowLine = line;
        fieldCount = 0;
        while (readField() == SEPARATOR) {
            // next field
        }
        return true;
    }

    private int readField() {
        fieldLength = 0;
        if (pos == limit && !fill()) {
            store(buf, 0, 0);
            return END_OF_INPUT;
        }
        boolean quoted = buf[pos] == '"';
        if (quoted) {
            pos++;
            readQuoted();
        }
        int start = pos;
        int i = pos;
        while (true) {
            char[] b = buf;
            int end = limit;
            char sep = separator;
            while (i < end) {
                char c = b[i];
                if (c == sep || c == '\n' || c == '\r') {
                    if (fieldLength == 0) {
                        checkLength(i - start, quoted);
                        store(b, start, i - start);
                    }
                    else {
                        append(start, i, quoted);
                        store(field, 0, fieldLength);
                    }
                    pos = i + 1;
                    if (c == sep) {
                        return SEPARATOR;
                    }
                    endLine(c);
                    return END_OF_LINE;
                }
                i++;
            }
            append(start, i, quoted);
            pos = i;
            if (!fill()) {
                store(field, 0, fieldLength);
                return END_OF_INPUT;
            }
            start = pos;
            i = pos;
        }
    }

    /** The inside of a quoted field, up to and past its closing quote, into the field buffer. */
    private void readQuoted() {
        long opened = line;
        while (true) {
            if (pos == limit && !fill()) {
                throw error("the quoted field opened on line " + opened + " is never closed");
            }
            int start = pos;
            int i = pos;
            char[] b = buf;
            int end = limit;
            while (i < end && b[i] != '"') {
                char c = b[i];
                if (c == '\r' || (c == '\n' && !afterCr)) {
                    line++;
                }
                afterCr = c == '\r';
                i++;
            }
            append(start, i, true);
            pos = i;
            if (i < end) {
                afterCr = false;
                pos++;
                if ((pos < limit || fill()) && buf[pos] == '"') {
                    appendQuote();
                    pos++;
                }
                else {
                    return;
                }
            }
        }
    }

    /** Counts the line that {@code c} ends; a CR followed by LF is one line end. */
    private void endLine(char c) {
        line++;
        if (c == '\r' && (pos < limit || fill()) && buf[pos] == '\n') {
            pos++;
        }
    }

    private void append(int from, int to, boolean quoted) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        checkLength(fieldLength + n, quoted);
        if (fieldLength + n > field.length) {
            field = Arrays.copyOf(field, Math.max(field.length * 2, fieldLength + n));
        }
        System.arraycopy(buf, from, field, fieldLength, n);
        fieldLength += n;
    }

    private void appendQuote() {
        checkLength(fieldLength + 1, true);
        if (fieldLength == field.length) {
            field = Arrays.copyOf(field, field.length * 2);
        }
        field[fieldLength++] = '"';
    }

    private void checkLength(int length, boolean quoted) {
        if (length > maxField) {
            throw error("a field is longer than " + maxField + " characters, the limit"
                    + (quoted ? "; is a closing quote missing?" : ""));
        }
    }

    private void store(char[] text, int from, int length) {
        if (readingHeader) {
            if (fieldCount == MAX_COLUMNS) {
                throw error("more than " + MAX_COLUMNS + " columns");
            }
            headerFields.add(new String(text, from, length));
        }
        else if (fieldCount < fields.length) {
            fields[fieldCount] = isMissing(text, from, length) ? null : new String(text, from, length);
        }
        fieldCount++;
    }

    private boolean isMissing(char[] text, int from, int length) {
        for (char[] marker : missing) {
            if (marker.length == length && Arrays.equals(marker, 0, length, text, from, from + length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes more input after {@code limit}, first moving unread characters to the front. False at the end of
     * the input; a {@link CsvFormatException} once the characters before bytes that are not UTF-8 are used up.
     */
    private boolean fill() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            return true;
        }
        chars.limit(buf.length).position(limit);
        while (!malformed && !decoderDone) {
            CoderResult result = decoder.decode(bytes, chars, bytesEnded);
            if (result.isError()) {
                malformed = true;
            }
            else if (result.isOverflow()) {
                break;
            }
            else if (bytesEnded) {
                decoder.flush(chars);
                decoderDone = true;
            }
            else if (chars.position() > limit) {
                break;
            }
            else {
                readBytes();
            }
        }
        int before = limit;
        limit = chars.position();
        if (limit > before) {
            return true;
        }
        if (malformed) {
            throw error("the bytes are not UTF-8 text; save the file as UTF-8 (CSV UTF-8) and send it again");
        }
        return false;
    }

    private void readBytes() {
        bytes.compact();
        try {
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                bytesEnded = true;
            }
            else {
                bytes.position(bytes.position() + n);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("reading the CSV failed at line " + line, ex);
        }
        bytes.flip();
    }

    /** The separator occurring most often outside quotes in the header line (as far as the buffer holds it). */
    private char detectSeparator() {
        while (limit < buf.length && !hasLineEnd() && fill()) {
            // read on until the header line is in the buffer
        }
        int[] counts = new int[CsvOptions.SEPARATORS.size()];
        boolean quoted = false;
        for (int i = pos; i < limit; i++) {
            char c = buf[i];
            if (c == '"') {
                quoted = !quoted;
            }
            else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            }
            else if (!quoted) {
                int k = CsvOptions.SEPARATORS.indexOf(c);
                if (k >= 0) {
                    counts[k]++;
                }
            }
        }
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CsvOptions.SEPARATORS.get(best);
    }

    private boolean hasLineEnd() {
        boolean quoted = false;
        for (int i = pos; i < limit; i++) {
            char c = buf[i];
            if (c == '"') {
                quoted = !quoted;
            }
            else if (!quoted && (c == '\n' || c == '\r')) {
                return true;
            }
        }
        return false;
    }

    private CsvFormatException error(String problem) {
        long row = readingHeader ? 0 : rows + 1;
        String column;
        if (readingHeader) {
            column = null;
        }
        else if (fieldCount < columns.size()) {
            column = columns.get(fieldCount);
        }
        else {
            column = "#" + (fieldCount + 1);
        }
        return new CsvFormatException(row, rowLine == 0 ? line : rowLine, column, problem);
    }

    private static List<String> uniqueNames(List<String> header) {
        List<String> names = new ArrayList<>(header.size());
        Set<String> used = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String written = header.get(i);
            String base = written.isBlank() ? "column_" + (i + 1) : written;
            String name = base;
            for (int k = 2; !used.add(name); k++) {
                name = base + "_" + k;
            }
            names.add(name);
        }
        return List.copyOf(names);
    }
}

package io.vishwaops.messaging;

import java.util.Arrays;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * A message written as UTF-8 JSON piece by piece into a growable buffer, for the paths that write their messages'
 * bytes by hand instead of binding records (a chunk of ingested or validated records, where values are copied as
 * the bytes they arrived in). {@link #head} writes an envelope's attributes in the order the general serializer
 * does, so readers that look for {@code type} near the start still find it there. Not thread-safe: one per writer.
 */
public final class JsonBytes {

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

    private byte[] buffer;
    private int size;

    public JsonBytes(int capacity) {
        this.buffer = new byte[Math.max(1024, capacity)];
    }

    /** Starts a new message in the same buffer. */
    public JsonBytes reset() {
        size = 0;
        return this;
    }

    /** {@code envelope}'s attributes up to {@code "data":}, for the caller to write the data and close with "}". */
    public JsonBytes head(EventEnvelope<?> envelope) {
        return ascii("{\"eventId\":\"").ascii(envelope.eventId().toString()).ascii("\",\"type\":").string(envelope.type())
                .ascii(",\"occurredAt\":\"").ascii(envelope.occurredAt().toString())
                .ascii("\",\"schemaVersion\":").ascii(Integer.toString(envelope.schemaVersion()))
                .ascii(",\"source\":").string(envelope.source()).ascii(",\"subject\":").string(envelope.subject())
                .ascii(",\"data\":");
    }

    /** {@code text} as a JSON string, or null. */
    public JsonBytes string(String text) {
        if (text == null) {
            return ascii("null");
        }
        return ascii("\"").bytes(quoted(text)).ascii("\"");
    }

    /** {@code text} as it is: it must be ASCII (punctuation, names, numbers, ids and instants). */
    @SuppressWarnings("deprecation")
    public JsonBytes ascii(String text) {
        ensure(text.length());
        // the low byte of each character, which for ASCII is its UTF-8: a copy, for a Latin-1 string
        text.getBytes(0, text.length(), buffer, size);
        size += text.length();
        return this;
    }

    /** {@code id} in its canonical form, as {@link UUID#toString()} writes it, without making a string of it. */
    public JsonBytes uuid(UUID id) {
        ensure(36);
        long high = id.getMostSignificantBits();
        long low = id.getLeastSignificantBits();
        hex(high >>> 32, 8);
        buffer[size++] = '-';
        hex(high >>> 16, 4);
        buffer[size++] = '-';
        hex(high, 4);
        buffer[size++] = '-';
        hex(low >>> 48, 4);
        buffer[size++] = '-';
        hex(low, 12);
        return this;
    }

    private void hex(long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            buffer[size + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        size += digits;
    }

    /** {@code n} in decimal, without making a string of it. */
    public JsonBytes number(long n) {
        if (n < 0) {
            return ascii(Long.toString(n));
        }
        int digits = 1;
        for (long rest = n / 10; rest > 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = digits - 1; i >= 0; i--) {
            buffer[size + i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        size += digits;
        return this;
    }

    /** Bytes that are already JSON (or the inside of a quoted string). */
    public JsonBytes bytes(byte[] bytes) {
        return bytes(bytes, 0, bytes.length);
    }

    public JsonBytes bytes(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, buffer, size, length);
        size += length;
        return this;
    }

    /** The message written since the last {@link #reset}. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** The inside of {@code text} as a JSON string, escaped, in UTF-8: for a string written many times. */
    public static byte[] quoted(String text) {
        return STRINGS.quoteAsUTF8(text);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}

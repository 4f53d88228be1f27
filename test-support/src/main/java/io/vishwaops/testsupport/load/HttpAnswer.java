package io.vishwaops.testsupport.load;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One HTTP/1.1 answer as it arrives: bytes read into a buffer until its framing ({@code Content-Length} or chunked)
 * says it is all in, its status and whether the server closes the connection read from its head. The closed loop's
 * blocking connections ({@link KeepAliveHttp}) and the open loop's non-blocking ones ({@link OpenLoop}) both read
 * their answers with it. One request is in flight on a connection, so nothing follows an answer in the buffer.
 */
final class HttpAnswer {

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private byte[] in = new byte[16 * 1024];
    private int length;
    private int status;
    private boolean closes;

    /** The buffer to read into from {@link #length()} on, grown when full. */
    byte[] room() {
        if (length == in.length) {
            in = Arrays.copyOf(in, in.length * 2);
        }
        return in;
    }

    int length() {
        return length;
    }

    /** Counts {@code n} more bytes read into {@link #room()} (negative: the connection ended); true once all in. */
    boolean read(int n) throws EOFException {
        if (n < 0) {
            throw new EOFException("the connection closed mid-response");
        }
        length += n;
        return complete();
    }

    /** Ready for the next answer. */
    void clear() {
        length = 0;
    }

    int status() {
        return status;
    }

    boolean closes() {
        return closes;
    }

    private boolean complete() {
        int headEnd = indexOf(HEAD_END, 0, length, HEAD_END.length);
        if (headEnd < 0) {
            return false;
        }
        String head = new String(in, 0, headEnd, StandardCharsets.US_ASCII);
        status = Integer.parseInt(head.substring(9, 12));
        long contentLength = 0;
        boolean chunked = false;
        closes = false;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closes = true;
            }
        }
        int body = headEnd + HEAD_END.length;
        if (!chunked) {
            return length >= body + contentLength;
        }
        // chunks: size in hex, CRLF, data, CRLF ... a last chunk of size 0, then CRLF after any trailers
        for (int at = body;;) {
            int lineEnd = indexOf(HEAD_END, at, length, 2);
            if (lineEnd < 0) {
                return false;
            }
            long size = Long.parseLong(new String(in, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
            if (size == 0) {
                return indexOf(HEAD_END, lineEnd, length, HEAD_END.length) >= 0;
            }
            at = (int) (lineEnd + 2 + size + 2);
            if (at > length) {
                return false;
            }
        }
    }

    /** Where the first {@code patternLength} bytes of {@code pattern} start in {@code in[from, to)}, or -1. */
    private int indexOf(byte[] pattern, int from, int to, int patternLength) {
        outer:
        for (int i = from; i <= to - patternLength; i++) {
            for (int j = 0; j < patternLength; j++) {
                if (in[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package io.vishwaops.testsupport.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A minimal HTTP/1.1 client for the load driver: a fixed pool of keep-alive connections, requests written as bytes,
 * responses read by {@code Content-Length} or chunked encoding and thrown away. A general client (the JDK's
 * {@code HttpClient}) spent about 500 µs of CPU per request on this machine, as much as the service it measured;
 * this one spends a small fraction of that, so the driver takes less of the cores the service needs (what a load
 * generator such as wrk does).
 */
public final class KeepAliveHttp implements AutoCloseable {

    private final String host;
    private final int port;
    private final BlockingQueue<Connection> idle;

    public KeepAliveHttp(URI base, int connections) {
        this.host = base.getHost();
        this.port = base.getPort();
        this.idle = new ArrayBlockingQueue<>(connections);
        for (int i = 0; i < connections; i++) {
            idle.add(new Connection());
        }
    }

    /** Sends a GET, or a POST of {@code body} when it is not {@code null}; returns the status code. */
    public int send(String path, byte[] body) throws IOException, InterruptedException {
        return send(path, body, "");
    }

    /**
     * Sends a GET, or a POST of {@code body} when it is not {@code null}, with {@code headers} (lines ending in CRLF,
     * or empty); returns the status code.
     */
    public int send(String path, byte[] body, String headers) throws IOException, InterruptedException {
        Connection connection = idle.take();
        try {
            return connection.exchange(path, body, headers);
        }
        catch (IOException ex) {
            connection.close();
            throw ex;
        }
        finally {
            idle.add(connection);
        }
    }

    /**
     * A request as the bytes to write, head and body together: a GET, or a POST of {@code body} when it is not
     * {@code null}, with {@code headers} (lines ending in CRLF, or empty).
     */
    static byte[] encode(String host, int port, String path, byte[] body, String headers) {
        StringBuilder head = new StringBuilder(body == null ? "GET " : "POST ").append(path)
                .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nAccept: application/json\r\n").append(headers);
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        if (body == null) {
            return headBytes;
        }
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    @Override
    public void close() {
        idle.forEach(Connection::close);
    }

    private final class Connection {

        private Socket socket;
        private OutputStream out;
        private InputStream in;

        int exchange(String path, byte[] body, String headers) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port));
                out = socket.getOutputStream();
                in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            }
            // head and body in one write: written apart they left as two segments, and the service, woken by the
            // first, had to wait for the body and be woken again
            out.write(encode(host, port, path, body, headers));
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                }
                else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                }
                else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    closes = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                        size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            }
            else if (length > 0) {
                skip(length);
            }
            if (closes) {
                close();
            }
            return code;
        }

        private String line() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("the connection closed mid-response");
                }
                if (b != '\r') {
                    bytes.write(b);
                }
            }
            return bytes.toString(StandardCharsets.US_ASCII);
        }

        private void skip(long n) throws IOException {
            long left = n;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("the connection closed mid-body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                }
                catch (IOException ignored) {
                    // it is being thrown away
                }
                socket = null;
            }
        }
    }
}

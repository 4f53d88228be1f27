package io.vishwaops.testsupport.load;

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
 * responses read by {@code Content-Length} or chunked encoding ({@link HttpAnswer}) and thrown away. A general client (the JDK's
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
        private final HttpAnswer answer = new HttpAnswer();

        int exchange(String path, byte[] body, String headers) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port));
                out = socket.getOutputStream();
                in = socket.getInputStream();
            }
            // head and body in one write: written apart they left as two segments, and the service, woken by the
            // first, had to wait for the body and be woken again
            out.write(encode(host, port, path, body, headers));
            out.flush();
            answer.clear();
            for (boolean all = false; !all;) {
                byte[] room = answer.room();
                all = answer.read(in.read(room, answer.length(), room.length - answer.length()));
            }
            if (answer.closes()) {
                close();
            }
            return answer.status();
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

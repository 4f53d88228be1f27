package io.vishwaops.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis for one test class: Debian's {@code redis-server} (installed by {@code .ci/run}) started on a free
 * port with nothing persisted, and stopped after the class. {@link #stop()} lets a test take it away mid-way.
 * Register it as {@code @RegisterExtension static final RedisServer REDIS = new RedisServer();}.
 */
final class RedisServer implements BeforeAllCallback, AfterAllCallback {

    private final int port = freePort();

    private Process process;

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path log = Files.createTempFile("redis-server", ".log");
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }
        catch (IOException ex) {
            throw new IllegalStateException("redis-server is not installed (apt-get install redis-server); the gateway's "
                    + "Redis stores are tested against a real one", ex);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-server did not start on port " + port + ":\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    /** Kills the server, as a crash would. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        stop();
    }

    private boolean answersPing() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[7];
            int read = in.readNBytes(answer, 0, answer.length);
            return new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        }
        catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

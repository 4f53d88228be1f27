package io.vishwaops.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for one service: it only has to show which backend a request reached and what it carried,
 * so it answers {@code /actuator/health} and echoes everything else in {@code X-Stub-*} headers.
 * {@code ?delayMs=} makes it slow, to provoke timeouts.
 */
final class StubBackend implements AutoCloseable {

    private final String name;

    private final HttpServer server;

    private StubBackend(String name, HttpServer server) {
        this.name = name;
        this.server = server;
    }

    static StubBackend start(String name) {
        return start(name, Duration.ZERO);
    }

    static StubBackend start(String name, Duration healthDelay) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StubBackend stub = new StubBackend(name, server);
            server.createContext("/actuator/health", exchange -> {
                sleep(healthDelay);
                stub.respond(exchange, 200, "application/json", "{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}");
            });
            server.createContext("/", stub::echo);
            // virtual threads, so a deliberately slow answer does not hold up the others
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return stub;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String name() {
        return name;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void echo(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && query.startsWith("delayMs=")) {
            sleep(Duration.ofMillis(Long.parseLong(query.substring("delayMs=".length()))));
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
        var headers = exchange.getResponseHeaders();
        headers.set("X-Stub-Service", name);
        headers.set("X-Stub-Method", exchange.getRequestMethod());
        headers.set("X-Stub-Path", exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
        headers.set("X-Stub-Request-Id", String.valueOf(requestId));
        // what the gateway let through of the caller: the signed identity, and nothing the client claimed itself
        headers.set("X-Stub-Identity", String.valueOf(exchange.getRequestHeaders().getFirst("X-Vops-Identity")));
        headers.set("X-Stub-User", String.valueOf(exchange.getRequestHeaders().getFirst("X-Vops-User")));
        headers.set("X-Stub-Credentials", String.valueOf(exchange.getRequestHeaders().containsKey("Authorization")
                || exchange.getRequestHeaders().containsKey("X-Api-Key")));
        if (requestId != null) {
            // like a service with its own request id filter; the caller must still see the id only once
            headers.set("X-Request-Id", requestId);
        }
        respond(exchange, 200, "text/plain", name + " got " + body.length + " bytes");
    }

    private void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}

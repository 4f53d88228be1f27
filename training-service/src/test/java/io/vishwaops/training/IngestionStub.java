package io.vishwaops.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A stand-in for ingestion-service that knows the datasets a test gives it, for tests of the API alone. */
final class IngestionStub implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> schemas = new ConcurrentHashMap<>();

    IngestionStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/api/v1/datasets/", this::answer);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Defines a dataset: {@code schema} is its JSON, with name and columns. */
    void define(String name, String schema) {
        schemas.put(name, "{\"name\":\"" + name + "\",\"version\":1,\"schema\":" + schema + "}");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/api/v1/datasets/".length()).split("/")[0];
        if (name.equals("broken")) {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
            return;
        }
        String body = schemas.get(name);
        int status = body == null ? 404 : 200;
        byte[] bytes = (body == null ? "{\"status\":404,\"detail\":\"dataset '" + name + "' does not exist\"}" : body)
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

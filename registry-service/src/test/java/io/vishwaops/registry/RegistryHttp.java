package io.vishwaops.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP calls to the registry as a named caller ({@code X-Vops-User}, {@code X-Vops-Roles}), any method. */
public final class RegistryHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String user;
    private final String roles;

    public RegistryHttp(int port, String user, String roles) {
        this.baseUrl = "http://localhost:" + port;
        this.user = user;
        this.roles = roles;
    }

    public RegistryHttp as(String otherUser, String otherRoles) {
        return new RegistryHttp(Integer.parseInt(baseUrl.substring(baseUrl.lastIndexOf(':') + 1)), otherUser, otherRoles);
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    public HttpResponse<String> post(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    public HttpResponse<String> put(String path, String json) {
        return send("PUT", path, "application/json", json);
    }

    public HttpResponse<String> delete(String path, String json) {
        return send("DELETE", path, json == null ? null : "application/json", json);
    }

    public HttpResponse<byte[]> putBytes(String path, byte[] body) {
        HttpRequest.Builder request = builder(path).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        return execute(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        return execute(builder(path).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    public static JsonNode json(byte[] body) {
        return JSON.readTree(body);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = builder(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return execute(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (user != null) {
            request.header("X-Vops-User", user);
        }
        if (roles != null) {
            request.header("X-Vops-Roles", roles);
        }
        return request;
    }

    private static <T> HttpResponse<T> execute(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request.build(), handler);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}

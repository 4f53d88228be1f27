package io.vishwaops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's public API through the gateway, with the caller's API key. Every refusal becomes a
 * {@link CliException} with the problem's title and detail (RFC 9457) or MLflow's error message, on one line.
 */
final class Gateway {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;
    private final Duration timeout;

    Gateway(String baseUrl, String apiKey, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    String baseUrl() {
        return baseUrl;
    }

    static String query(Map<String, ?> parameters) {
        List<String> parts = new ArrayList<>();
        parameters.forEach((name, value) -> {
            if (value != null) {
                parts.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            }
        });
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The status a GET answers, without failing on 4xx: whether something exists. */
    int status(String path) {
        HttpResponse<byte[]> response = call(request(path).GET());
        if (response.statusCode() >= 500) {
            refuseFailure(response);
        }
        return response.statusCode();
    }

    JsonNode get(String path) {
        return json(send(request(path).GET()));
    }

    String getText(String path, String accept) {
        return new String(send(request(path).header("Accept", accept).GET()), StandardCharsets.UTF_8);
    }

    JsonNode post(String path, Object body) {
        return json(send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))));
    }

    JsonNode put(String path, Object body) {
        return json(send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))));
    }

    JsonNode send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        return json(send(request(path).header("Content-Type", contentType).method(method, body)));
    }

    /** The response with its status, for calls whose success comes in more than one shape (moved / pending). */
    Response exchange(String method, String path, Object body) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<byte[]> response = call(request);
        refuseFailure(response);
        return new Response(response.statusCode(), json(response.body()));
    }

    record Response(int status, JsonNode body) {
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
        if (apiKey != null && !apiKey.isBlank()) {
            builder.header("X-Api-Key", apiKey);
        }
        return builder;
    }

    private byte[] send(HttpRequest.Builder request) {
        HttpResponse<byte[]> response = call(request);
        refuseFailure(response);
        return response.body();
    }

    private HttpResponse<byte[]> call(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new CliException(CliException.UNAVAILABLE, "cannot reach the platform at " + baseUrl
                    + " (is it running? set --url or VOPS_URL)");
        } catch (HttpTimeoutException e) {
            throw new CliException(CliException.UNAVAILABLE, "the platform did not answer " + built.method() + " "
                    + built.uri().getPath() + " within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof CliException cli) {
                throw cli;
            }
            throw new CliException(CliException.UNAVAILABLE, "talking to " + baseUrl + " failed: " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.UNAVAILABLE, "interrupted");
        }
    }

    private static void refuseFailure(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status < 400) {
            return;
        }
        String message = describe(status, response.body());
        throw new CliException(status >= 500 ? CliException.UNAVAILABLE : CliException.REFUSED, message);
    }

    /** One line from a problem, an MLflow error or whatever the body is. */
    static String describe(int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        JsonNode json = null;
        try {
            json = text.startsWith("{") ? JSON.readTree(text) : null;
        } catch (JacksonException e) {
            // not JSON: shown as it is
        }
        StringBuilder out = new StringBuilder().append(status);
        if (json != null && (json.has("title") || json.has("detail"))) {
            if (json.hasNonNull("title")) {
                out.append(' ').append(json.get("title").asString());
            }
            if (json.hasNonNull("detail")) {
                out.append(": ").append(json.get("detail").asString());
            }
            JsonNode errors = json.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                List<String> listed = new ArrayList<>();
                for (int i = 0; i < Math.min(errors.size(), 5); i++) {
                    JsonNode e = errors.get(i);
                    String problem = e.path("problem").asString(e.path("message").asString(""));
                    String field = e.path("field").asString(e.path("pointer").asString(""));
                    if (!out.toString().contains(problem)) {
                        listed.add(((e.hasNonNull("row") ? "row " + e.get("row").asString() + " " : "")
                                + (field.isEmpty() ? "" : field + ": ") + problem).strip());
                    }
                }
                if (!listed.isEmpty()) {
                    out.append(" (").append(String.join("; ", listed)).append(errors.size() > 5 ? "; …" : "").append(')');
                }
            }
        } else if (json != null && json.has("error_code")) {
            out.append(' ').append(json.get("error_code").asString()).append(": ").append(json.path("message").asString());
        } else if (!text.isEmpty()) {
            out.append(": ").append(text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
        return out.toString().replace('\n', ' ');
    }

    static JsonNode json(byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return JSON.getNodeFactory().stringNode(new String(body, StandardCharsets.UTF_8));
        }
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                out.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return out;
    }

    /** A request body that counts what it has sent, for progress bars. */
    static HttpRequest.BodyPublisher counting(java.nio.file.Path file, java.util.function.LongConsumer sent) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                InputStream in = java.nio.file.Files.newInputStream(file);
                return new java.io.FilterInputStream(in) {
                    private long total;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) {
                            total += n;
                            sent.accept(total);
                        }
                        return n;
                    }
                };
            } catch (IOException e) {
                throw new CliException(CliException.BAD_FILE, "cannot read " + file + ": " + e.getMessage());
            }
        }), fileSize(file));
    }

    private static long fileSize(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw new CliException(CliException.BAD_FILE, "cannot read " + file + ": " + e.getMessage());
        }
    }
}

package io.vishwaops.registry.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.vishwaops.problems.InvalidInput;

/** Page tokens as MLflow makes them: base64 of {@code {"offset": n}}. Opaque to clients. */
public final class PageToken {

    private PageToken() {
    }

    public static int offset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            String digits = text.replaceAll("[^0-9]", "");
            if (!text.contains("\"offset\"") || digits.isEmpty()) {
                throw new IllegalArgumentException(text);
            }
            return Integer.parseInt(digits);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidInput("page_token", "Invalid page token, could not base64-decode: " + token);
        }
    }

    public static <T> Page<T> page(java.util.List<T> fetched, int offset, int maxResults) {
        if (fetched.size() > maxResults) {
            return new Page<>(fetched.subList(0, maxResults), next(offset + maxResults));
        }
        return new Page<>(fetched, null);
    }

    static String next(int offset) {
        return Base64.getEncoder().encodeToString(("{\"offset\": " + offset + "}").getBytes(StandardCharsets.UTF_8));
    }
}

package io.vishwaops.testsupport.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The closed loop's client against a real HTTP server: each answer read to its end, however it is framed. */
class KeepAliveHttpTests {

    @Test
    void answersWithALengthInChunksOrClosingTheConnectionAreEachReadToTheEnd() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            int n = seen.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "y".repeat(n % 5 == 0 ? 50_000 : 12).getBytes(StandardCharsets.UTF_8);
            if (n % 3 == 0) {
                exchange.getResponseHeaders().add("Connection", "close");
            }
            // every other answer in chunks (length 0), the rest with a Content-Length; the 7th is refused
            exchange.sendResponseHeaders(n == 7 ? 503 : 200, n % 2 == 0 ? 0 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (KeepAliveHttp http = new KeepAliveHttp(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), 2)) {
            int ok = 0;
            for (int i = 1; i <= 30; i++) {
                int status = http.send("/p", i % 2 == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : null);
                ok += status == 200 ? 1 : 0;
            }
            assertThat(ok).isEqualTo(29);
            assertThat(seen).hasValue(30);
        } finally {
            server.stop(0);
        }
    }
}

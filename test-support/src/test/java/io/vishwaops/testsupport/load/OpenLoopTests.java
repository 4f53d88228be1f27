package io.vishwaops.testsupport.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The open loop against a real HTTP server: every request sent, answered and counted, however the answer is framed. */
class OpenLoopTests {

    private HttpServer server;
    private final AtomicInteger seen = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();

    private InetSocketAddress serve(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            int n = seen.incrementAndGet();
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            handler.handle(exchange, n);
        });
        server.start();
        return server.getAddress();
    }

    interface Handler {
        void handle(HttpExchange exchange, int n) throws IOException;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, int status, long length, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static List<byte[]> posts(InetSocketAddress address, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> KeepAliveHttp.encode(address.getHostString(),
                address.getPort(), "/p", ("{\"row\":" + i + "}").getBytes(StandardCharsets.UTF_8), "")).toList();
    }

    @Test
    void everyRequestIsSentOnceWithItsBodyAndEveryAnswerCounted() throws Exception {
        String body = "{\"prediction\":\"pass\"}";
        InetSocketAddress address = serve((exchange, n) -> answer(exchange, 200, body.length(), body));
        OpenLoop loop = new OpenLoop(400, 1, address, posts(address, 10));

        long[] latencies = loop.run(8);

        assertThat(latencies).hasSize(400);
        assertThat(loop.errors()).isZero();
        assertThat(seen).hasValue(400);
        assertThat(bodies).hasSize(400).contains("{\"row\":0}", "{\"row\":9}").allMatch(b -> b.startsWith("{\"row\":"));
        assertThat(latencies[0]).isPositive();
    }

    @Test
    void chunkedAnswersAndAnswersThatCloseTheConnectionAreReadToTheEnd() throws Exception {
        InetSocketAddress address = serve((exchange, n) -> {
            if (n % 3 == 0) {
                exchange.getResponseHeaders().add("Connection", "close");
            }
            // length 0: the JDK's server sends the body in chunks
            answer(exchange, 200, 0, "x".repeat(n % 7 == 0 ? 20_000 : 10));
        });
        OpenLoop loop = new OpenLoop(300, 1, address, posts(address, 3));

        long[] latencies = loop.run(4);

        assertThat(latencies).hasSize(300);
        assertThat(loop.errors()).as(loop.firstError()).isZero();
        assertThat(seen).hasValue(300);
    }

    @Test
    void answersOtherThan200AreCountedAsErrors() throws Exception {
        InetSocketAddress address = serve((exchange, n) -> answer(exchange, n % 2 == 0 ? 503 : 200, 2, "{}"));
        OpenLoop loop = new OpenLoop(200, 1, address, posts(address, 1));

        loop.run(4);

        assertThat(loop.errors()).isEqualTo(100);
        assertThat(loop.firstError()).isEqualTo("HTTP-503");
    }

    @Test
    void aStallCountsAgainstEveryRequestItDelaysNotOnlyTheOneThatStalled() throws Exception {
        // one connection, a request due every 10 ms, the 10th answer held for 300 ms: the requests due meanwhile
        // wait for the connection, and each is timed from when it was due
        InetSocketAddress address = serve((exchange, n) -> {
            if (n == 10) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer(exchange, 200, 2, "{}");
        });
        OpenLoop loop = new OpenLoop(100, 1, address, posts(address, 1));

        long[] latencies = loop.run(1);

        long delayedOver100ms = Arrays.stream(latencies).filter(l -> l >= 100_000_000L).count();
        assertThat(delayedOver100ms).as("requests timed from their due time after a 300 ms stall")
                .isGreaterThanOrEqualTo(15);
        assertThat(loop.errors()).isZero();
    }
}

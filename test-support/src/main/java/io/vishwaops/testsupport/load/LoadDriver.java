package io.vishwaops.testsupport.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HTTP load generator of the benchmarks, run in a JVM of its own ({@link LoadDriverProcess}) so that its
 * allocations and collections do not pause the service it measures and the CPU each side spends is counted apart;
 * it speaks HTTP/1.1 over keep-alive sockets ({@link KeepAliveHttp}), spending a fraction of what a general client
 * does per request, as wrk does. It reads commands on standard input, one per line, and answers each with one line:
 *
 * <ul>
 * <li>{@code closed <callers> <seconds> <requests-file>}: callers back to back, each on its own connection →
 * {@code CLOSED <requests> <errors> <seconds> <driver-cpu-ns> <first-error>};</li>
 * <li>{@code open <rate> <seconds> <connections> <requests-file>}: requests at a fixed arrival rate, each timed from
 * the moment it was due (so a stall counts against every request it delays), at most {@code connections} in
 * flight ({@link OpenLoop}) → {@code OPEN <requests> <errors> <driver-cpu-ns> <first-error> <latency-ns>...} (sorted).</li>
 * </ul>
 *
 * A requests file holds the base URL on its first line ({@code http://host:port}), then one request per line:
 * {@code METHOD<TAB>path<TAB>headers<TAB>body}, headers as {@code Name: value} joined by {@code \n} (written
 * {@code \\n}), body empty for none; the requests are sent in turn, round and round.
 */
public final class LoadDriver {

    private LoadDriver() {
    }

    /** A request, ready to write. */
    record Request(String path, String headers, byte[] body) {
    }

    record Requests(URI base, List<Request> list) {

        static Requests read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<Request> list = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] parts = line.split("\t", -1);
                String headers = parts[2].isEmpty() ? "" : parts[2].replace("\\n", "\r\n") + "\r\n";
                boolean post = parts[0].equals("POST");
                list.add(new Request(parts[1], headers, post ? parts[3].getBytes(StandardCharsets.UTF_8) : null));
            }
            return new Requests(URI.create(lines.getFirst().trim()), list);
        }
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] command = line.trim().split(" ");
            String answer = switch (command[0]) {
                case "closed" -> closed(Integer.parseInt(command[1]), Integer.parseInt(command[2]),
                        Requests.read(Path.of(command[3])));
                case "open" -> open(Double.parseDouble(command[1]), Integer.parseInt(command[2]),
                        Integer.parseInt(command[3]), Requests.read(Path.of(command[4])));
                case "quit" -> null;
                default -> "ERROR unknown command " + command[0];
            };
            if (answer == null) {
                return;
            }
            System.out.println(answer);
            System.out.flush();
        }
    }

    static String closed(int callers, int seconds, Requests requests) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        long cpu = processCpu();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (KeepAliveHttp http = new KeepAliveHttp(requests.base(), callers);
                ExecutorService executor = Executors.newFixedThreadPool(callers)) {
            for (int c = 0; c < callers; c++) {
                executor.execute(() -> {
                    while (System.nanoTime() < end) {
                        Request request = requests.list().get(Math.floorMod(next.getAndIncrement(), requests.list().size()));
                        record(send(http, request), done, errors, firstError);
                    }
                });
            }
        }
        return "CLOSED " + done.get() + " " + errors.get() + " " + seconds + " " + (processCpu() - cpu) + " "
                + word(firstError.get());
    }

    /** Requests at a fixed arrival rate from one event loop ({@link OpenLoop}), each timed from when it was due. */
    static String open(double rate, int seconds, int connections, Requests requests) throws Exception {
        List<byte[]> wire = requests.list().stream().map(request -> KeepAliveHttp.encode(requests.base().getHost(),
                requests.base().getPort(), request.path(), request.body(), request.headers())).toList();
        OpenLoop loop = new OpenLoop(rate, seconds,
                new InetSocketAddress(requests.base().getHost(), requests.base().getPort()), wire);
        long cpu = processCpu();
        long[] latencies = loop.run(connections);
        StringBuilder answer = new StringBuilder("OPEN ").append(loop.total()).append(' ').append(loop.errors())
                .append(' ').append(processCpu() - cpu).append(' ').append(word(loop.firstError()));
        for (long latency : latencies) {
            answer.append(' ').append(latency);
        }
        return answer.toString();
    }

    /** The status code, or the failure as a negative number with its text kept by {@link #record}. */
    private static Object send(KeepAliveHttp http, Request request) {
        try {
            return http.send(request.path(), request.body(), request.headers());
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static void record(Object outcome, AtomicLong done, AtomicLong errors, AtomicReference<String> first) {
        if (outcome instanceof Integer status && status == 200) {
            done.incrementAndGet();
        } else {
            errors.incrementAndGet();
            first.compareAndSet(null, outcome instanceof Integer status ? "HTTP-" + status : String.valueOf(outcome));
        }
    }

    private static String word(String text) {
        return text == null ? "-" : text.replaceAll("\\s+", "_");
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}

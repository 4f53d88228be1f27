package io.vishwaops.testsupport.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * A {@link LoadDriver} in a JVM of its own, driven from a benchmark: describe the requests, run a closed or an open
 * loop, read back throughput, latencies and the driver's own CPU per request.
 */
public final class LoadDriverProcess implements AutoCloseable {

    /** One request to send: {@code body} {@code null} for a GET. */
    public record Call(String path, Map<String, String> headers, String body) {

        public static Call get(String path, Map<String, String> headers) {
            return new Call(path, headers, null);
        }

        public static Call post(String path, Map<String, String> headers, String json) {
            return new Call(path, headers, json);
        }
    }

    /** Peak throughput of callers back to back. */
    public record Throughput(long requests, long errors, double perSecond, double driverCpuMicrosPerRequest,
            String firstError) {
    }

    /** Latencies (nanoseconds, sorted) at a fixed arrival rate, timed from when each request was due. */
    public record Latencies(long requests, long errors, long[] sortedNanos, double driverCpuMicrosPerRequest,
            String firstError) {

        public double ms(double quantile) {
            return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1)] / 1e6;
        }

        public double maxMs() {
            return sortedNanos[sortedNanos.length - 1] / 1e6;
        }

        /** p50, p90, p99, p99.9 and max in milliseconds, for a benchmark line. */
        public String summary() {
            return String.format("p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f", ms(0.50), ms(0.90), ms(0.99),
                    ms(0.999), maxMs());
        }
    }

    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader answers;

    private LoadDriverProcess(Process process) {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the driver with this JVM's class path and the given heap; ZGC keeps its own pauses short. */
    public static LoadDriverProcess start() throws IOException {
        return new LoadDriverProcess(new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseZGC", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), LoadDriver.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** Writes {@code count} requests made by {@code calls} (by index) to a requests file for a loop to go round. */
    public static Path requests(URI base, int count, IntFunction<Call> calls) throws IOException {
        Path file = Files.createTempFile("vops-load", ".tsv");
        file.toFile().deleteOnExit();
        StringBuilder text = new StringBuilder(base.toString()).append('\n');
        for (int i = 0; i < count; i++) {
            Call call = calls.apply(i);
            text.append(call.body() == null ? "GET" : "POST").append('\t').append(call.path()).append('\t')
                    .append(call.headers().entrySet().stream().map(h -> h.getKey() + ": " + h.getValue())
                            .collect(Collectors.joining("\\n")))
                    .append('\t').append(call.body() == null ? "" : call.body().replace('\n', ' ')).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    public Throughput closed(int callers, int seconds, Path requests) throws IOException {
        List<String> answer = ask("closed " + callers + " " + seconds + " " + requests, "CLOSED");
        long done = Long.parseLong(answer.get(1));
        return new Throughput(done, Long.parseLong(answer.get(2)), done / Double.parseDouble(answer.get(3)),
                Long.parseLong(answer.get(4)) / 1e3 / Math.max(1, done), firstError(answer.get(5)));
    }

    public Latencies open(double rate, int seconds, int connections, Path requests) throws IOException {
        List<String> answer = ask("open " + rate + " " + seconds + " " + connections + " " + requests, "OPEN");
        long total = Long.parseLong(answer.get(1));
        long[] latencies = new long[answer.size() - 5];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = Long.parseLong(answer.get(5 + i));
        }
        return new Latencies(total, Long.parseLong(answer.get(2)), latencies,
                Long.parseLong(answer.get(3)) / 1e3 / Math.max(1, total), firstError(answer.get(4)));
    }

    private List<String> ask(String command, String expected) throws IOException {
        commands.println(command);
        String line = answers.readLine();
        if (line == null || !line.startsWith(expected + " ")) {
            throw new IllegalStateException("the load driver answered '" + line + "' to '" + command + "'");
        }
        return List.of(line.split(" "));
    }

    private static String firstError(String word) {
        return word.equals("-") ? null : word;
    }

    @Override
    public void close() throws InterruptedException {
        commands.println("quit");
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

package io.vishwaops.feature;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The online-lookup load of {@link FeatureStoreBenchmark}: a closed-loop warm-up, then requests at a fixed arrival
 * rate (open loop: each request's latency counts from the moment it was due, so a stall is not hidden by the driver
 * waiting). The benchmark runs it in a JVM of its own, so the driver's allocations and collections do not pause the
 * service it measures, and the CPU each side spends is counted apart. Prints {@code BENCH} lines.
 *
 * <p>Arguments: {@code base-url entities rate seconds warmup-seconds}, where {@code base-url} ends in
 * {@code /entities/}.
 */
final class OpenLoopDriver {

    /** A request to send: a path (with the query) and, for a POST, its JSON body. */
    record Call(String path, byte[] body) {
    }

    // at most 64 requests in flight (64 connections), as a pooled client would hold; a request waiting for one
    // still counts its wait, since latency runs from when it was due
    private final KeepAliveHttp http;
    private final String base;
    private final int entities;

    OpenLoopDriver(String base, int entities) {
        URI uri = URI.create(base);
        this.http = new KeepAliveHttp(uri, 64);
        this.base = uri.getRawPath();
        this.entities = entities;
    }

    public static void main(String[] args) throws Exception {
        OpenLoopDriver driver = new OpenLoopDriver(args[0], Integer.parseInt(args[1]));
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        driver.warmUp(Integer.parseInt(args[4]));
        long cpu = processCpu();
        driver.openLoop("online get", seconds, rate, driver::randomGet);
        System.out.printf("BENCH driver CPU per lookup (its own JVM): %.0f µs%n",
                (processCpu() - cpu) / 1e3 / ((long) seconds * rate));
        driver.openLoop("online lookup x100", Math.max(10, seconds / 3), 100, driver::randomBatch);
    }

    Call randomGet() {
        return new Call(base + (1 + ThreadLocalRandom.current().nextInt(entities)), null);
    }

    Call randomBatch() {
        StringBuilder body = new StringBuilder("{\"entityIds\":[");
        for (int i = 0; i < 100; i++) {
            body.append(i == 0 ? "\"" : ",\"").append(1 + ThreadLocalRandom.current().nextInt(entities)).append('"');
        }
        return new Call(base + "lookup", body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Four callers back to back for a while, so the measured run starts with compiled code and warm caches. */
    void warmUp(int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong count = new AtomicLong();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 4; c++) {
                executor.execute(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            Call call = randomGet();
                            http.send(call.path(), call.body());
                            count.incrementAndGet();
                        }
                        catch (Exception ex) {
                            throw new IllegalStateException(ex);
                        }
                    }
                });
            }
        }
        System.out.printf("BENCH warm-up: %,d lookups by 4 callers back to back in %d s%n", count.get(), seconds);
    }

    /**
     * Sends requests at a fixed rate for {@code seconds}, each on its own virtual thread, and reports latency from the
     * moment each was due (not when it was sent) to its response.
     */
    void openLoop(String name, int seconds, int rate, Supplier<Call> requests) throws Exception {
        int total = seconds * rate;
        long[] latencies = new long[total];
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int slot = i;
                Call call = requests.get();
                executor.execute(() -> {
                    try {
                        int status = http.send(call.path(), call.body());
                        if (status != 200) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, "HTTP " + status);
                        }
                    }
                    catch (Exception ex) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, ex.toString());
                    }
                    latencies[slot] = System.nanoTime() - due;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("BENCH %s: %,d requests at %,d/s over %.1f s, errors %d%s; latency ms p50 %.2f p90 %.2f "
                + "p99 %.2f p99.9 %.2f max %.2f%n", name, total, rate, elapsed, errors.get(),
                firstError.get() == null ? "" : " (first: " + firstError.get() + ")", ms(latencies, 0.50),
                ms(latencies, 0.90), ms(latencies, 0.99), ms(latencies, 0.999), latencies[total - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** This JVM's CPU time so far, in nanoseconds. */
    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}

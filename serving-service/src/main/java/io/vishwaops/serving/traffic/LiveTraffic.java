package io.vishwaops.serving.traffic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

import io.vishwaops.serving.ServingProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The live traffic of each model version over the last five minutes, in five-second buckets, kept in memory on this
 * instance: requests, errors and the latency of answered requests, and the roles the version answered in. A request
 * costs a few atomic adds on the bucket of the moment and takes no lock; a bucket is cleared under its own lock
 * once, when the ring comes round to it again. Latency quantiles come from a fixed log-scale histogram per bucket (four bins
 * per doubling; a quantile is interpolated inside its bin, so it is off by less than the bin's width, at most 25 %),
 * which merges across buckets by adding.
 */
@Component
public class LiveTraffic {

    static final int BUCKET_SECONDS = 5;
    static final int BUCKETS = 60;
    static final int WINDOW_SECONDS = BUCKET_SECONDS * BUCKETS;
    private static final long BUCKET_MS = BUCKET_SECONDS * 1_000L;

    /** How a version was picked for a request, as the stats name it. */
    public static final String CANARY = "canary";
    public static final String SHADOW = "shadow";
    public static final String PINNED = "version";

    private final String defaultAlias;
    private final LongSupplier millis;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, VersionWindow>> models = new ConcurrentHashMap<>();

    @Autowired
    LiveTraffic(ServingProperties properties) {
        this(properties.alias(), System::currentTimeMillis);
    }

    LiveTraffic(String defaultAlias, LongSupplier millis) {
        this.defaultAlias = defaultAlias;
        this.millis = millis;
    }

    /**
     * Counts one request scored by {@code version} of {@code model}.
     *
     * @param role {@code primary} (shown as the default alias, e.g. {@code champion}), {@link #CANARY},
     *        {@link #SHADOW} or {@link #PINNED}
     * @param nanos the time serving spent on it; only answered requests count towards latency
     * @param error whether it was refused or failed after its version was picked
     */
    public void record(String model, String version, String role, long nanos, boolean error) {
        long now = millis.getAsLong() / BUCKET_MS;
        ConcurrentHashMap<String, VersionWindow> versions = models.get(model);
        if (versions == null) {
            versions = models.computeIfAbsent(model, m -> new ConcurrentHashMap<>());
        }
        VersionWindow window = versions.get(version);
        if (window == null) {
            window = versions.computeIfAbsent(version, v -> new VersionWindow(now));
            forgetIdle(now);
        }
        window.record(now, "primary".equals(role) ? defaultAlias : role, nanos, error);
    }

    /** What each version of {@code model} answered in the window; versions without a request in it are left out. */
    public ModelTraffic of(String model) {
        long nowMs = millis.getAsLong();
        long now = nowMs / BUCKET_MS;
        List<VersionTraffic> versions = new ArrayList<>();
        Map<String, VersionWindow> windows = models.getOrDefault(model, new ConcurrentHashMap<>());
        windows.forEach((version, window) -> {
            VersionTraffic traffic = window.read(version, now);
            if (traffic != null) {
                versions.add(traffic);
            }
        });
        versions.sort(Comparator.comparingLong((VersionTraffic v) -> number(v.version())).thenComparing(VersionTraffic::version));
        return new ModelTraffic(model, WINDOW_SECONDS, BUCKET_SECONDS, Instant.ofEpochMilli(nowMs), versions);
    }

    /** One model's traffic per version over the window ending {@code at}. */
    public record ModelTraffic(String model, int windowSeconds, int bucketSeconds, Instant at,
            List<VersionTraffic> versions) {
    }

    /**
     * @param roles how the version was picked for its requests in the window: the default alias's name
     *        ({@code champion}), {@code canary}, {@code shadow}, {@code version} (named in the request)
     * @param series one entry per bucket, oldest first, the last one still filling
     */
    public record VersionTraffic(String version, List<String> roles, long requests, long errors,
            double requestsPerSecond, Latency latencyMs, List<Bucket> series) {
    }

    /** Latency of the answered requests, in milliseconds; all {@code null} when none was answered. */
    public record Latency(Double mean, Double p50, Double p95, Double p99) {
    }

    /** One bucket: its start, its requests and errors, latency quantiles in milliseconds ({@code null} if none). */
    public record Bucket(Instant at, long requests, long errors, Double p50Ms, Double p99Ms) {
    }

    /** Drops versions without a request for a whole window; models stay (there are as many as the registry has). */
    private void forgetIdle(long now) {
        models.values().forEach(versions -> versions.values().removeIf(w -> w.lastBucket < now - BUCKETS));
    }

    private static long number(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static final class VersionWindow {

        final Slot[] ring = new Slot[BUCKETS];
        final ConcurrentHashMap<String, AtomicLong> roles = new ConcurrentHashMap<>();
        volatile long lastBucket;

        VersionWindow(long now) {
            lastBucket = now;
            for (int i = 0; i < BUCKETS; i++) {
                ring[i] = new Slot();
            }
        }

        void record(long now, String role, long nanos, boolean error) {
            Slot slot = ring[(int) (now % BUCKETS)];
            if (slot.bucket != now && !slot.turnTo(now)) {
                return; // a caller so late that its bucket has already left the window
            }
            slot.requests.incrementAndGet();
            if (error) {
                slot.errors.incrementAndGet();
            } else {
                slot.nanos.addAndGet(nanos);
                slot.histogram.incrementAndGet(LatencyBins.bin(nanos));
            }
            AtomicLong seen = roles.get(role);
            if (seen == null) {
                seen = roles.computeIfAbsent(role, r -> new AtomicLong());
            }
            if (seen.get() != now) {
                seen.set(now);
            }
            if (lastBucket != now) {
                lastBucket = now;
            }
        }

        VersionTraffic read(String version, long now) {
            long requests = 0;
            long errors = 0;
            long nanos = 0;
            long[] all = new long[LatencyBins.BINS];
            List<Bucket> series = new ArrayList<>(BUCKETS);
            for (long b = now - BUCKETS + 1; b <= now; b++) {
                Slot slot = ring[(int) (b % BUCKETS)];
                long[] histogram = new long[LatencyBins.BINS];
                long r = 0;
                long e = 0;
                if (slot.bucket == b) {
                    r = slot.requests.get();
                    e = slot.errors.get();
                    nanos += slot.nanos.get();
                    for (int i = 0; i < histogram.length; i++) {
                        histogram[i] = slot.histogram.get(i);
                        all[i] += histogram[i];
                    }
                    if (slot.bucket != b) { // cleared for a newer bucket while being read
                        r = 0;
                        e = 0;
                        java.util.Arrays.fill(histogram, 0);
                    }
                }
                requests += r;
                errors += e;
                series.add(new Bucket(Instant.ofEpochMilli(b * BUCKET_MS), r, e,
                        LatencyBins.quantileMs(histogram, 0.5), LatencyBins.quantileMs(histogram, 0.99)));
            }
            if (requests == 0) {
                return null;
            }
            long answered = java.util.Arrays.stream(all).sum();
            Latency latency = new Latency(answered == 0 ? null : LatencyBins.round(nanos / 1e6 / answered),
                    LatencyBins.quantileMs(all, 0.5), LatencyBins.quantileMs(all, 0.95), LatencyBins.quantileMs(all, 0.99));
            List<String> recent = roles.entrySet().stream().filter(r -> r.getValue().get() > now - BUCKETS)
                    .map(Map.Entry::getKey).sorted().toList();
            return new VersionTraffic(version, recent, requests, errors,
                    LatencyBins.round((double) requests / WINDOW_SECONDS), latency, series);
        }
    }

    /** One bucket of the ring; {@code bucket} says which five seconds it currently holds. */
    private static final class Slot {

        volatile long bucket = Long.MIN_VALUE;
        final AtomicLong requests = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong nanos = new AtomicLong();
        final AtomicLongArray histogram = new AtomicLongArray(LatencyBins.BINS);

        /** Clears the slot for bucket {@code now} unless another caller already did; false if {@code now} is past. */
        synchronized boolean turnTo(long now) {
            if (bucket > now) {
                return false;
            }
            if (bucket < now) {
                requests.set(0);
                errors.set(0);
                nanos.set(0);
                for (int i = 0; i < LatencyBins.BINS; i++) {
                    histogram.set(i, 0);
                }
                bucket = now;
            }
            return true;
        }
    }
}

package io.vishwaops.serving.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.vishwaops.serving.traffic.LiveTraffic.ModelTraffic;
import io.vishwaops.serving.traffic.LiveTraffic.VersionTraffic;

import org.junit.jupiter.api.Test;

class LiveTrafficTests {

    private static final long MS = 1_000_000;
    private final AtomicLong clock = new AtomicLong(Instant.parse("2026-11-27T10:00:00Z").toEpochMilli());
    private final LiveTraffic live = new LiveTraffic("champion", clock::get);

    @Test
    void requestsErrorsAndLatencyLandOnTheVersionThatScoredThem() {
        for (int i = 0; i < 100; i++) {
            live.record("m", "2", "primary", 2 * MS, false);
        }
        live.record("m", "2", "primary", 1 * MS, true);
        for (int i = 0; i < 10; i++) {
            live.record("m", "3", "canary", 40 * MS, false);
        }
        live.record("m", "3", "shadow", 40 * MS, false);
        live.record("other", "1", "primary", 500 * MS, false);

        ModelTraffic traffic = live.of("m");
        assertThat(traffic.windowSeconds()).isEqualTo(300);
        assertThat(traffic.bucketSeconds()).isEqualTo(5);
        assertThat(traffic.versions()).extracting(VersionTraffic::version).containsExactly("2", "3");
        VersionTraffic two = traffic.versions().get(0);
        VersionTraffic three = traffic.versions().get(1);
        assertThat(two.requests()).isEqualTo(101);
        assertThat(two.errors()).isEqualTo(1);
        assertThat(two.roles()).containsExactly("champion");
        assertThat(two.requestsPerSecond()).isEqualTo(0.337);
        assertThat(two.latencyMs().mean()).isEqualTo(2.0);
        assertThat(two.latencyMs().p50()).isCloseTo(2.0, within(0.25));
        assertThat(two.latencyMs().p99()).isCloseTo(2.0, within(0.25));
        assertThat(three.requests()).isEqualTo(11);
        assertThat(three.errors()).isZero();
        assertThat(three.roles()).containsExactly("canary", "shadow");
        assertThat(three.latencyMs().p50()).isCloseTo(40.0, within(5.0));

        assertThat(two.series()).hasSize(60);
        assertThat(two.series().getLast().at()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(two.series().getFirst().at()).isEqualTo(Instant.parse("2026-11-27T09:55:05Z"));
        assertThat(two.series().getLast().requests()).isEqualTo(101);
        assertThat(two.series().getFirst().requests()).isZero();
        assertThat(two.series().getFirst().p50Ms()).isNull();
    }

    @Test
    void quantilesSeparateFastAndSlowRequests() {
        for (int i = 0; i < 90; i++) {
            live.record("m", "1", "primary", 1 * MS, false);
        }
        for (int i = 0; i < 10; i++) {
            live.record("m", "1", "primary", 100 * MS, false);
        }
        VersionTraffic one = live.of("m").versions().getFirst();
        assertThat(one.latencyMs().p50()).isCloseTo(1.0, within(0.125));
        assertThat(one.latencyMs().p95()).isCloseTo(100.0, within(12.5));
        assertThat(one.latencyMs().p99()).isCloseTo(100.0, within(12.5));
        assertThat(one.latencyMs().mean()).isEqualTo(10.9);
    }

    @Test
    void bucketsRollAndTrafficOlderThanTheWindowIsForgotten() {
        live.record("m", "1", "primary", MS, false);
        clock.addAndGet(5_000);
        live.record("m", "1", "version", MS, false);
        live.record("m", "1", "version", MS, true);

        VersionTraffic one = live.of("m").versions().getFirst();
        assertThat(one.requests()).isEqualTo(3);
        assertThat(one.series().get(58).requests()).isEqualTo(1);
        assertThat(one.series().get(59).requests()).isEqualTo(2);
        assertThat(one.series().get(59).errors()).isEqualTo(1);
        assertThat(one.roles()).containsExactly("champion", "version");

        clock.addAndGet(295_000); // the first request's bucket has left the window, the second's not yet
        one = live.of("m").versions().getFirst();
        assertThat(one.requests()).isEqualTo(2);
        assertThat(one.roles()).containsExactly("version");
        assertThat(one.series().getFirst().requests()).isEqualTo(2);

        live.record("m", "1", "primary", MS, false); // reuses the ring slot of the first request
        assertThat(live.of("m").versions().getFirst().series().getLast().requests()).isEqualTo(1);

        clock.addAndGet(300_000);
        assertThat(live.of("m").versions()).isEmpty();
        assertThat(live.of("never-called").versions()).isEmpty();
    }

    @Test
    void concurrentRequestsAreAllCounted() throws Exception {
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String version = t % 2 == 0 ? "1" : "2";
            callers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    live.record("m", version, i % 2 == 0 ? "primary" : "canary", MS, i % 100 == 0);
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join();
        }
        List<VersionTraffic> versions = live.of("m").versions();
        assertThat(versions).extracting(VersionTraffic::requests).containsExactly(40_000L, 40_000L);
        assertThat(versions).extracting(VersionTraffic::errors).containsExactly(400L, 400L);
        assertThat(versions.getFirst().roles()).containsExactly("canary", "champion");
    }

    @Test
    void binsCoverEveryLatencyInOrder() {
        int previous = -1;
        for (long nanos = 1; nanos < 200_000_000_000L; nanos = nanos * 11 / 10 + 1) {
            int bin = LatencyBins.bin(nanos);
            assertThat(bin).isGreaterThanOrEqualTo(previous).isLessThan(LatencyBins.BINS);
            if (bin < LatencyBins.BINS - 1) {
                assertThat(nanos).isGreaterThanOrEqualTo(LatencyBins.lower(bin)).isLessThan(LatencyBins.lower(bin + 1));
            }
            previous = bin;
        }
    }
}

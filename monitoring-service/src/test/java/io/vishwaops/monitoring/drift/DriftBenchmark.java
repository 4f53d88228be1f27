package io.vishwaops.monitoring.drift;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.modelloading.LoadedModel;
import io.vishwaops.modelloading.ModelVersionRef;
import io.vishwaops.monitoring.MonitoringProperties;
import io.vishwaops.monitoring.SyntheticModel;
import io.vishwaops.monitoring.policy.EffectivePolicy;
import io.vishwaops.monitoring.window.MonitoredVersion;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift over a 1,000,000-prediction window of 30 features and the prediction (bench/monitoring-benchmark.sh):
 * the window filled through the same append the intake uses, then whole evaluations timed. Run by name only.
 */
class DriftBenchmark {

    private static final int WINDOW = Integer.getInteger("bench.window", 1_000_000);

    @Test
    void driftOverAMillionPredictions() {
        ModelBundle bundle = SyntheticModel.bundle(20_000);
        var loaded = new LoadedModel(new ModelVersionRef("bench", "1", null, null), bundle, 0);
        MonitoredVersion version = new MonitoredVersion(loaded, WINDOW);
        SplittableRandom random = new SplittableRandom(7);
        long start = System.nanoTime();
        for (int i = 0; i < WINDOW; i++) {
            // the second half drifts by a quarter of a standard deviation
            version.append(SyntheticModel.row(random, i < WINDOW / 2 ? 0 : 0.25), i % 2 == 0 ? "yes" : "no",
                    System.currentTimeMillis());
        }
        double appendSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH drift window-fill rows=%d seconds=%.2f rows/s=%.0f%n", WINDOW, appendSeconds,
                WINDOW / appendSeconds);

        var properties = new MonitoringProperties(null, new MonitoringProperties.Window(WINDOW, Duration.ofHours(1)),
                Duration.ofSeconds(30), Duration.ofMinutes(1), new MonitoringProperties.Drift(0.5, Map.of()),
                new MonitoringProperties.Performance(5000, Duration.ofDays(7), 0.1, 100),
                new MonitoringProperties.Retraining(true, true, 500, Duration.ofHours(6), 3), 1);
        DriftEvaluator evaluator = new DriftEvaluator(properties);
        EffectivePolicy defaults = new EffectivePolicy(Map.of(), 0.5, 0.1, 100, true, true, 500, Duration.ofHours(6), 3);
        report("evidently-defaults", evaluator, version, defaults);
        Map<String, EffectivePolicy.FeatureRule> ks = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            ks.put("x" + i, new EffectivePolicy.FeatureRule(io.vishwaops.mlcore.drift.DriftMethod.KS, null));
        }
        report("ks-on-numeric", evaluator, version, new EffectivePolicy(ks, 0.5, 0.1, 100, true, true, 500,
                Duration.ofHours(6), 3));
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void report(String label, DriftEvaluator evaluator, MonitoredVersion version, EffectivePolicy policy) {
        DriftReport last = null;
        for (int i = 0; i < 2; i++) {
            last = evaluator.evaluate(version, policy, false).report();
        }
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        List<Double> seconds = new ArrayList<>();
        long cpuStart = os.getProcessCpuTime();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            last = evaluator.evaluate(version, policy, false).report();
            seconds.add((System.nanoTime() - t) / 1e9);
        }
        double cpuPerEvaluation = (os.getProcessCpuTime() - cpuStart) / 1e9 / 5;
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("BENCH drift %s window=%d columns=%d min=%.3fs median=%.3fs max=%.3fs cpu-per-evaluation=%.3fs "
                + "drifted=%d/%d methods=%s load=%s%n", label, last.windowSize(), last.columns().size(), sorted[0],
                sorted[2], sorted[4], cpuPerEvaluation, last.dataset().driftedColumns(), last.dataset().columns(),
                last.columns().stream().map(ColumnDrift::method).distinct().sorted().toList(), loadAverage());
        assertThat(last.windowSize()).isEqualTo(WINDOW);
        assertThat(Arrays.stream(sorted).max().orElseThrow()).isPositive();
    }
}

package io.vishwaops.monitoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.monitoring.window.Windows;
import io.vishwaops.testsupport.KafkaProbe;
import io.vishwaops.testsupport.ServiceIntegrationTest;
import io.vishwaops.testsupport.SharedInfrastructure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prediction-log intake (bench/monitoring-benchmark.sh): a backlog of prediction events of a 30-input model is
 * written to {@code vops.predictions} while the listener is stopped; then the listener starts and the time until
 * every event is stored and windowed is measured. Run by name only.
 */
@ServiceIntegrationTest
class PredictionIntakeBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 200_000);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("vops.monitoring.registry-url", TestRegistry::url);
        registry.add("vops.monitoring.evaluation-interval", () -> "1h");
    }

    @Autowired
    JsonMapper json;

    @Autowired
    Windows windows;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    /**
     * CPU used so far by the test's PostgreSQL (the postmaster listening on the fixture's port, and its backends),
     * from /proc, in seconds; 0 where that cannot be read.
     */
    static double postgresCpuSeconds() {
        var port = java.util.regex.Pattern.compile(":(\\d+)/").matcher(SharedInfrastructure.database().jdbcUrl());
        if (!port.find()) {
            return 0;
        }
        String listening = "-p " + port.group(1) + " ";
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(listening)).orElse(false))
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .mapToLong(PredictionIntakeBenchmark::ticks).sum() / 100.0;
    }

    private static long ticks(ProcessHandle process) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    @Test
    void intakeOfABacklogOfPredictions() throws InterruptedException {
        String model = "intake-" + UUID.randomUUID().toString().substring(0, 8);
        ModelBundle bundle = SyntheticModel.bundle(5_000);
        String version = TestRegistry.register(model, bundle);
        var container = listeners.getListenerContainer("monitoring-predictions");
        container.stop();

        SplittableRandom random = new SplittableRandom(3);
        KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());
        long writeStart = System.nanoTime();
        for (int sent = 0; sent < EVENTS; sent += 20_000) {
            List<String> events = new ArrayList<>();
            for (int i = sent; i < Math.min(EVENTS, sent + 20_000); i++) {
                Map<String, Object> row = SyntheticModel.row(random, 0);
                events.add(json.writeValueAsString(new EventEnvelope<>(UUID.randomUUID(), "prediction.made",
                        Instant.now(), 1, "/vops/serving-service", model, new PredictionMade(UUID.randomUUID(), model,
                        version, row, i % 3 == 0 ? "yes" : "no", Map.of("no", 0.4, "yes", 0.6), false, Instant.now(), null))));
            }
            kafka.sendAll(Topics.PREDICTIONS, model, events);
        }
        System.out.printf("BENCH intake backlog-written events=%d seconds=%.1f%n", EVENTS,
                (System.nanoTime() - writeStart) / 1e9);

        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        double childrenStart = postgresCpuSeconds();
        long start = System.nanoTime();
        container.start();
        while (windows.find(model, version).map(v -> v.window().appended()).orElse(0L) < EVENTS) {
            Thread.sleep(20);
            assertThat(System.nanoTime() - start).as("intake stalled").isLessThan(600_000_000_000L);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
        double children = postgresCpuSeconds() - childrenStart;
        long stored = jdbc.sql("select count(*) from prediction where model = :m").param("m", model)
                .query(Long.class).single();
        System.out.printf("BENCH intake events=%d seconds=%.2f events/s=%.0f stored=%d jvm-cpu-seconds=%.1f "
                + "(service, embedded broker, registry) postgres-cpu-seconds=%.1f load=%s%n",
                EVENTS, seconds, EVENTS / seconds, stored, cpu, children, loadAverage());
        assertThat(stored).isEqualTo(EVENTS);
    }
}

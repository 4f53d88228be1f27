package io.vishwaops.registry;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.vishwaops.testsupport.ServiceIntegrationTest;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load driver for docs/benchmarks.md, run by {@code bench/registry-benchmark.sh} (not part of the test suite: the
 * name does not end in Tests). Boots the registry against the test fixture's real PostgreSQL, seeds 100,000 runs
 * with SQL (3 metrics, 2 params, 2 tags each), then times MLflow runs/search over HTTP, and measures log-batch
 * throughput over HTTP.
 */
@ServiceIntegrationTest
class RegistryBenchmark {

    private static final int RUNS = Integer.getInteger("bench.runs", 100_000);
    private static final int REPEATS = 30;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void searchRunsAndLogBatch() throws Exception {
        RegistryHttp http = new RegistryHttp(port, "bench", null);
        String experiment = RegistryHttp.json(http.post("/api/2.0/mlflow/experiments/create",
                "{\"name\":\"bench-" + System.nanoTime() + "\"}")).get("experiment_id").asString();
        long seedStart = System.nanoTime();
        seed(Long.parseLong(experiment));
        System.out.printf("BENCH seeded %,d runs in %.1f s%n", RUNS, (System.nanoTime() - seedStart) / 1e9);

        search(http, experiment, "metrics.accuracy > 0.99", List.of(), 1000);
        search(http, experiment, "metrics.accuracy > 0.9 and params.algorithm = 'xgboost'", List.of(), 100);
        search(http, experiment, "metrics.accuracy > 0.5", List.of("metrics.accuracy DESC"), 100);
        search(http, experiment, "metrics.f1 > 0.98 and tags.team = 'risk' and attributes.status = 'FINISHED'",
                List.of(), 1000);

        logBatch(http, experiment, 4, 20_000);
        logBatch(http, experiment, 1, 10_000);
    }

    private void seed(long experiment) {
        jdbc.sql("""
                insert into run (run_id, experiment_id, run_name, user_id, status, start_time, end_time, artifact_uri)
                select 'bench' || lpad(g::text, 27, '0'), :e, 'run-' || g, 'bench', 'FINISHED', 1700000000000 + g,
                       1700000000000 + g + 1000, '/api/v1/registry/runs/bench' || g || '/artifacts'
                from generate_series(1, :n) g""").param("e", experiment).param("n", RUNS).update();
        for (String metric : List.of("accuracy", "f1", "auc")) {
            jdbc.sql("""
                    insert into latest_metric (run_id, key, value, timestamp, step)
                    select 'bench' || lpad(g::text, 27, '0'), :key, random(), 1700000000000 + g, 0
                    from generate_series(1, :n) g""").param("key", metric).param("n", RUNS).update();
            jdbc.sql("""
                    insert into metric (run_id, key, value, timestamp, step)
                    select run_id, key, value, timestamp, step from latest_metric
                    where key = :key and run_id like 'bench%'""").param("key", metric).update();
        }
        jdbc.sql("""
                insert into run_param (run_id, key, value)
                select 'bench' || lpad(g::text, 27, '0'), 'algorithm',
                       (array['xgboost','logistic','random-forest','mlp'])[1 + g % 4]
                from generate_series(1, :n) g
                union all
                select 'bench' || lpad(g::text, 27, '0'), 'seed', (g % 100)::text from generate_series(1, :n) g""")
                .param("n", RUNS).update();
        jdbc.sql("""
                insert into run_tag (run_id, key, value)
                select 'bench' || lpad(g::text, 27, '0'), 'team', (array['risk','growth','ops'])[1 + g % 3]
                from generate_series(1, :n) g
                union all
                select 'bench' || lpad(g::text, 27, '0'), 'mlflow.runName', 'run-' || g from generate_series(1, :n) g""")
                .param("n", RUNS).update();
        jdbc.sql("analyze").update();
    }

    private void search(RegistryHttp http, String experiment, String filter, List<String> orderBy, int maxResults) {
        String body = "{\"experiment_ids\":[\"" + experiment + "\"],\"filter\":\"" + filter.replace("\"", "\\\"")
                + "\",\"max_results\":" + maxResults + ",\"order_by\":["
                + String.join(",", orderBy.stream().map(o -> "\"" + o + "\"").toList()) + "]}";
        int found = 0;
        for (int i = 0; i < 5; i++) {
            found = RegistryHttp.json(http.post("/api/2.0/mlflow/runs/search", body)).path("runs").size();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.post("/api/2.0/mlflow/runs/search", body);
            millis.add((System.nanoTime() - start) / 1e6);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        Collections.sort(millis);
        System.out.printf("BENCH search-runs | %s | order_by=%s max_results=%d | %d runs returned | median %.1f ms | p95 %.1f ms%n",
                filter, orderBy, maxResults, found,
                millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1));
    }

    private void logBatch(RegistryHttp http, String experiment, int threads, int requests) throws Exception {
        List<String> runIds = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            runIds.add(RegistryHttp.json(http.post("/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"" + experiment
                    + "\"}")).at("/run/info/run_id").asString());
        }
        AtomicLong step = new AtomicLong();
        int perThread = requests / threads;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (String runId : runIds) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        long s = step.incrementAndGet();
                        StringBuilder metrics = new StringBuilder();
                        for (int m = 0; m < 10; m++) {
                            metrics.append(m == 0 ? "" : ",").append("{\"key\":\"loss_").append(m).append("\",\"value\":")
                                    .append(1.0 / s).append(",\"timestamp\":").append(System.currentTimeMillis())
                                    .append(",\"step\":").append(s).append('}');
                        }
                        HttpResponse<String> response = http.post("/api/2.0/mlflow/runs/log-batch", "{\"run_id\":\""
                                + runId + "\",\"metrics\":[" + metrics + "],\"tags\":[{\"key\":\"progress\",\"value\":\""
                                + s + "\"}]}");
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long sent = (long) perThread * threads;
        System.out.printf("BENCH log-batch | %d client threads | %,d requests of 10 metrics + 1 tag in %.1f s | "
                + "%.0f requests/s | %.0f metric values/s%n", threads, sent, seconds, sent / seconds, sent * 10 / seconds);
    }
}

package io.vishwaops.feature;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.Topics;
import io.vishwaops.testsupport.HttpProbe;
import io.vishwaops.testsupport.KafkaProbe;
import io.vishwaops.testsupport.ServiceIntegrationTest;
import io.vishwaops.testsupport.SharedInfrastructure;
import io.vishwaops.testsupport.load.LoadDriverProcess;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Load driver for docs/benchmarks.md ("Feature store"), run by {@code bench/feature-store.sh} (not part of the test
 * suite: the name does not end in Tests). Boots the feature service against the test fixture's real Kafka and
 * PostgreSQL, seeds N entities (one record each) straight into the offline and online tables with SQL, then measures:
 * single-entity online lookups over HTTP at a fixed arrival rate from a load driver in a JVM of its own (open loop: latency counts from when a request was
 * due, so a stall is not hidden by the driver waiting), batch lookups of 100 ids, a snapshot of the N rows with two
 * derived features, a point-in-time training set, and offline write throughput through Kafka.
 */
@ServiceIntegrationTest
class FeatureStoreBenchmark {

    private static final int ENTITIES = Integer.getInteger("bench.entities", 1_000_000);
    private static final int RATE = Integer.getInteger("bench.rate", 1000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 15);
    private static final int WRITES = Integer.getInteger("bench.writes", 200_000);
    private static final String COLUMNS = """
            [{"name":"student_id","type":"integer"},{"name":"at","type":"timestamp"},
             {"name":"school","type":"categorical"},{"name":"age","type":"integer"},{"name":"Dalc","type":"integer"},
             {"name":"Walc","type":"integer"},{"name":"G1","type":"integer"},{"name":"G2","type":"integer"},
             {"name":"G3","type":"integer"},{"name":"absences","type":"integer"},{"name":"studytime","type":"integer"}]""";

    private final KafkaProbe kafka = new KafkaProbe(SharedInfrastructure.kafkaBootstrapServers());

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void onlineLookupsSnapshotTrainingSetAndWrites() throws Exception {
        HttpProbe http = HttpProbe.localhost(port);
        String dataset = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        define(dataset);
        for (String derived : List.of("{\"name\":\"alcohol\",\"expression\":\"Dalc + Walc\"}",
                "{\"name\":\"grade_trend\",\"expression\":\"G2 - G1\"}")) {
            assertThat(http.post("/api/v1/features/" + dataset + "/derived", "application/json", derived).statusCode())
                    .isEqualTo(201);
        }
        seed(dataset);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String path = "/api/v1/features/" + dataset + "/entities/";
        URI base = URI.create("http://localhost:" + port);
        java.util.Random random = new java.util.Random(11);
        java.nio.file.Path gets = LoadDriverProcess.requests(base, 100_000,
                i -> LoadDriverProcess.Call.get(path + (1 + random.nextInt(ENTITIES)), Map.of()));
        java.nio.file.Path batches = LoadDriverProcess.requests(base, 5_000, i -> {
            StringBuilder body = new StringBuilder("{\"entityIds\":[");
            for (int k = 0; k < 100; k++) {
                body.append(k == 0 ? "\"" : ",\"").append(1 + random.nextInt(ENTITIES)).append('"');
            }
            return LoadDriverProcess.Call.post(path + "lookup", Map.of("Content-Type", "application/json"),
                    body.append("]}").toString());
        });
        // the driver runs in a JVM of its own: its allocations and collections do not pause the service, and the
        // CPU below is the service's alone
        try (LoadDriverProcess driver = LoadDriverProcess.start()) {
            LoadDriverProcess.Throughput warm = driver.closed(4, WARMUP_SECONDS, gets);
            System.out.printf("BENCH warm-up: %,d lookups by 4 callers back to back in %d s%n", warm.requests(),
                    WARMUP_SECONDS);
            long[] cpu = cpu();
            LoadDriverProcess.Latencies single = driver.open(RATE, SECONDS, 64, gets);
            long[] spent = cpu();
            System.out.printf("BENCH online get: %,d requests at %,d/s over %d s, errors %d%s; latency ms %s%n",
                    single.requests(), RATE, SECONDS, single.errors(),
                    single.firstError() == null ? "" : " (first: " + single.firstError() + ")", single.summary());
            System.out.printf("BENCH online get CPU per lookup: service JVM %.0f µs, PostgreSQL %.0f µs, load driver "
                    + "(its own JVM) %.0f µs%n", (spent[0] - cpu[0]) / 1e3 / single.requests(),
                    (spent[1] - cpu[1]) / 1e3 / single.requests(), single.driverCpuMicrosPerRequest());
            int batchSeconds = Math.max(10, SECONDS / 3);
            LoadDriverProcess.Latencies batch = driver.open(100, batchSeconds, 64, batches);
            System.out.printf("BENCH online lookup x100: %,d requests at 100/s over %d s, errors %d; latency ms %s%n",
                    batch.requests(), batchSeconds, batch.errors(), batch.summary());
            assertThat(single.errors() + batch.errors()).as("lookups answered other than 200").isZero();
        }

        long snapshotStart = System.nanoTime();
        HttpResponse<String> snapshot = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/snapshots")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                        .ofString("{\"dataset\":\"" + dataset + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        double snapshotSeconds = (System.nanoTime() - snapshotStart) / 1e9;
        assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(201);
        String snapshotId = http.json(snapshot).get("id").asString();
        System.out.printf("BENCH snapshot of %,d rows (2 derived features): %.1f s (%,.0f rows/s)%n",
                http.json(snapshot).get("rowCount").asLong(), snapshotSeconds,
                http.json(snapshot).get("rowCount").asLong() / snapshotSeconds);
        long exportStart = System.nanoTime();
        HttpResponse<java.io.InputStream> export = client.send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/api/v1/snapshots/" + snapshotId + "/rows")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        try (var in = export.body()) {
            bytes = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        System.out.printf("BENCH snapshot NDJSON export: %,d MB in %.1f s%n", bytes >> 20,
                (System.nanoTime() - exportStart) / 1e9);

        trainingSet(client, dataset);
        writes(http);
    }

    private void define(String dataset) {
        kafka.send(Topics.DATASET_EVENTS, dataset, """
                {"eventId":"%s","type":"dataset.defined","occurredAt":"2026-11-27T08:00:00Z","schemaVersion":1,
                 "source":"/vops/ingestion-service","subject":"%s",
                 "data":{"dataset":"%s","version":1,"previousVersion":null,
                         "schema":{"name":"%s","description":null,"columns":%s,"entityKey":"student_id",
                                   "eventTime":"at","target":"G3","task":"regression","expectations":[]},
                         "incompatibleChanges":[],"definedBy":"bench","definedAt":"2026-11-27T08:00:00Z"}}"""
                .formatted(UUID.randomUUID(), dataset, dataset, dataset, COLUMNS));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from dataset_schema where name = :name").param("name", dataset)
                .query(Long.class).single() > 0);
    }

    /** One record per entity, written with SQL as the store would have written it, then its online vector. */
    private void seed(String dataset) {
        long start = System.nanoTime();
        jdbc.sql("""
                insert into offline_record (dataset, record_id, batch_id, values, received_at, validated_at,
                    schema_version, entity_id, event_time)
                select :dataset, gen_random_uuid(), :batch, jsonb_build_object('student_id', g,
                        'at', to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                        'school', case when g % 3 = 0 then 'MS' else 'GP' end, 'age', 15 + g % 7,
                        'Dalc', 1 + g % 5, 'Walc', 1 + g % 4, 'G1', g % 20, 'G2', (g * 7) % 20, 'G3', (g * 13) % 20,
                        'absences', g % 30, 'studytime', 1 + g % 4),
                    now(), now(), 1, g::text, ts
                from (select g, timestamptz '2026-01-01 00:00:00Z' + g * interval '1 second' as ts
                      from generate_series(1, :n) g) s""")
                .param("dataset", dataset).param("batch", UUID.randomUUID()).param("n", ENTITIES).update();
        double offline = (System.nanoTime() - start) / 1e9;
        jdbc.sql("""
                insert into online_vector (dataset, entity_id, record_id, values, event_time, updated_at)
                select dataset, entity_id, record_id, values, event_time, stored_at from offline_record
                where dataset = :dataset""").param("dataset", dataset).update();
        jdbc.sql("analyze offline_record").update();
        jdbc.sql("analyze online_vector").update();
        System.out.printf("BENCH seeded %,d entities with SQL: offline %.1f s, online %.1f s%n", ENTITIES, offline,
                (System.nanoTime() - start) / 1e9 - offline);
    }

    /**
     * CPU time so far, in nanoseconds: of this JVM, and of the PostgreSQL backends serving the test database (read
     * from /proc; the cluster is this JVM's own). CPU per request does not depend on how busy the machine is, so it
     * says what an idle machine could do when the latencies cannot.
     */
    private long[] cpu() throws Exception {
        long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        long postgres = 0;
        long tick = 1_000_000_000L / 100;
        for (Integer pid : jdbc.sql("select pid from pg_stat_activity where pid is not null").query(Integer.class).list()) {
            java.nio.file.Path stat = java.nio.file.Path.of("/proc/" + pid + "/stat");
            if (java.nio.file.Files.exists(stat)) {
                String text = java.nio.file.Files.readString(stat);
                String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                postgres += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * tick;
            }
        }
        return new long[] {jvm, postgres};
    }

    /** 100,000 labels about the seeded entities, an hour after their features, joined point in time. */
    private void trainingSet(HttpClient client, String features) throws Exception {
        String labels = features + "-labels";
        kafka.send(Topics.DATASET_EVENTS, labels, """
                {"eventId":"%s","type":"dataset.defined","occurredAt":"2026-11-27T08:00:00Z","schemaVersion":1,
                 "source":"/vops/ingestion-service","subject":"%s",
                 "data":{"dataset":"%s","version":1,"previousVersion":null,
                         "schema":{"name":"%s","description":null,"columns":[{"name":"student_id","type":"integer"},
                                   {"name":"at","type":"timestamp"},{"name":"passed","type":"boolean"}],
                                   "entityKey":"student_id","eventTime":"at","target":"passed","task":"binary",
                                   "expectations":[]},
                         "incompatibleChanges":[],"definedBy":"bench","definedAt":"2026-11-27T08:00:00Z"}}"""
                .formatted(UUID.randomUUID(), labels, labels, labels));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from dataset_schema where name = :name").param("name", labels)
                .query(Long.class).single() > 0);
        int count = Math.min(100_000, ENTITIES);
        jdbc.sql("""
                insert into offline_record (dataset, record_id, batch_id, values, received_at, validated_at,
                    schema_version, entity_id, event_time)
                select :dataset, gen_random_uuid(), :batch, jsonb_build_object('student_id', g,
                        'at', to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'passed', g % 2 = 0),
                    now(), now(), 1, g::text, ts
                from (select g * 10 as g, timestamptz '2026-01-01 01:00:00Z' + g * 10 * interval '1 second' as ts
                      from generate_series(1, :n) g) s""")
                .param("dataset", labels).param("batch", UUID.randomUUID()).param("n", count).update();
        jdbc.sql("analyze offline_record").update();
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/api/v1/training-sets")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"labels":{"dataset":"%s","column":"passed"},"features":[{"dataset":"%s"}]}"""
                        .formatted(labels, features))).build(), HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            while (reader.readLine() != null) {
                lines++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(response.statusCode()).isEqualTo(200);
        System.out.printf("BENCH training set: %,d labels joined as of their event time with %,d feature rows "
                + "(11 columns + 2 derived) in %.1f s (%,.0f rows/s)%n", lines, ENTITIES, seconds, lines / seconds);
    }

    /** Validated records of a new dataset sent to Kafka as fast as the producer goes, timed until all are stored. */
    private void writes(HttpProbe http) throws Exception {
        String dataset = "bench-writes-" + UUID.randomUUID().toString().substring(0, 8);
        define(dataset);
        List<byte[]> events = new ArrayList<>(WRITES);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < WRITES; i++) {
            int g = i + 1;
            String values = """
                    {"student_id":%d,"at":"%s","school":"%s","age":%d,"Dalc":%d,"Walc":%d,"G1":%d,"G2":%d,"G3":%d,\
                    "absences":%d,"studytime":%d}""".formatted(g % 50_000, at.plusSeconds(g), g % 3 == 0 ? "MS" : "GP",
                    15 + g % 7, 1 + g % 5, 1 + g % 4, g % 20, (g * 7) % 20, (g * 13) % 20, g % 30, 1 + g % 4);
            events.add("""
                    {"eventId":"%s","type":"record.validated","occurredAt":"2026-11-27T08:00:01Z","schemaVersion":1,\
                    "source":"/vops/validation-service","subject":"%s","data":{"dataset":"%s","recordId":"%s",\
                    "batchId":"%s","values":%s,"receivedAt":"2026-11-27T08:00:00Z",\
                    "validatedAt":"2026-11-27T08:00:01Z","schemaVersion":1}}"""
                    .formatted(UUID.randomUUID(), dataset, dataset, UUID.randomUUID(), UUID.randomUUID(), values)
                    .getBytes(StandardCharsets.UTF_8));
        }
        long start = System.nanoTime();
        double produced;
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (byte[] event : events) {
                producer.send(new ProducerRecord<>(Topics.RECORDS_VALIDATED, dataset, event));
            }
            producer.flush();
            produced = (System.nanoTime() - start) / 1e9;
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql(
                "select count(*) from offline_record where dataset = :dataset").param("dataset", dataset)
                .query(Long.class).single() == WRITES);
        double seconds = (System.nanoTime() - start) / 1e9;
        long vectors = jdbc.sql("select count(*) from online_vector where dataset = :dataset").param("dataset", dataset)
                .query(Long.class).single();
        System.out.printf("BENCH offline writes: %,d validated records from Kafka stored (and %,d online vectors "
                + "kept current) in %.1f s: %,.0f records/s (producing them took %.1f s)%n", WRITES, vectors, seconds,
                WRITES / seconds, produced);
    }
}

package io.vishwaops.standalone;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.vishwaops.contracts.Topics;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record path's throughput on the standalone platform (docs/benchmarks.md): N records of 30 columns written
 * by a data engineer's producer to {@code vops.raw.bench} and carried through ingestion and validation to
 * {@code vops.records.validated}, timed from the first send until validation has accounted for the last one.
 * The same records are first written to a plain topic and read back by a plain consumer on the same broker, in
 * the same run, as the baseline. Not part of the test suite: {@code bench/pipeline-throughput.sh} runs it.
 */
class PipelineThroughputBenchmark {

    /** Deleted afterwards: a million-record run leaves gigabytes of Kafka log and PostgreSQL files. */
    @org.junit.jupiter.api.io.TempDir
    Path dataDir;

    private static final int RECORDS = Integer.getInteger("bench.records", 1_000_000);
    /** Records per warm-up round, and at most how many rounds. */
    private static final int WARMUP = Integer.getInteger("bench.warmup", 100_000);
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup-rounds", 30);
    private static final String[] CITIES = {"Lisbon", "Porto", "Braga", "Coimbra", "Faro", "Aveiro", "Evora"};

    @Test
    void rawKafkaToValidated() throws Exception {
        rawKafkaToValidated("pipeline raw->validated");
    }

    /**
     * The same with the feature store's consumer of {@code vops.records.validated} not started: the records reach
     * the topic as before, but the cores are not shared with storing them, so this is what ingestion and validation
     * alone cost.
     */
    @Test
    void rawKafkaToValidatedWithoutFeatureStore() throws Exception {
        System.setProperty("vops.features.consume-validated-records", "false");
        try {
            rawKafkaToValidated("ingestion + validation only, raw->validated");
        }
        finally {
            System.clearProperty("vops.features.consume-validated-records");
        }
    }

    private void rawKafkaToValidated(String label) throws Exception {
        Path data = dataDir;
        var options = FreePorts.options(data);
        try (StandalonePlatform platform = StandalonePlatform.start(options)) {
            String kafka = "127.0.0.1:" + options.kafkaPort();
            var http = PlatformHttp.admin(platform);
            var defined = http.post("/api/v1/datasets", "application/json", schema());
            assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);

            // warm-up: the pipeline's code paths compiled, its topics and consumer groups settled. The compilers
            // reach code that runs once a poll or a request (most of Kafka's clients and broker) only after minutes;
            // with a warm-up of 20,000 records they used 14-18 us of CPU a record through the measured run, and
            // still 11 us after 200,000. So rounds of records go through until the compilers take less than a
            // tenth of a round's CPU. Their records have ids of their own: the measured ones are no duplicates.
            Cpu cold = Cpu.now(data);
            long warmed = 0;
            for (int round = 1; round <= WARMUP_ROUNDS; round++) {
                Cpu start = Cpu.now(data);
                warmed += WARMUP;
                long until = warmed;
                run(kafka, "vops.raw.bench", "w" + round + "-", WARMUP, () -> validated(kafka, until));
                Cpu used = Cpu.now(data).minus(start);
                double compiling = used.compilers() / used.jvm();
                System.out.printf("BENCH warm-up round %d: compilers %.0f%% of the CPU%n", round, 100 * compiling);
                if (compiling < 0.1) {
                    break;
                }
            }
            Cpu before = Cpu.now(data);
            double baseline = run(kafka, "bench.baseline", "r", RECORDS,
                    () -> consumed(kafka, "bench.baseline", RECORDS));
            Cpu between = Cpu.now(data);
            long total = warmed + RECORDS;
            double pipeline = run(kafka, "vops.raw.bench", "r", RECORDS, () -> validated(kafka, total));
            Cpu after = Cpu.now(data);

            System.out.printf("BENCH records=%d columns=30 bytes/record~%d%n", RECORDS, record(new SplittableRandom(1), "r", 1).length);
            System.out.printf("BENCH baseline kafka produce+consume: %.1f s, %.0f records/s; CPU %s%n", baseline,
                    RECORDS / baseline, between.minus(before).perRecord(RECORDS));
            System.out.printf("BENCH %s: %.1f s, %.0f records/s (%.0f%% of baseline); CPU %s%n", label,
                    pipeline, RECORDS / pipeline, 100 * baseline / pipeline, after.minus(between).perRecord(RECORDS));
            System.out.printf("BENCH load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf("BENCH warm-up of %d records: CPU %s%n", warmed, before.minus(cold).perRecord((int) warmed));
            System.out.printf("BENCH pipeline CPU by thread: %s%n", after.byThread(between, RECORDS));
        }
        finally {
            delete(data);
        }
    }

    @Test
    void csvUploadToValidated() throws Exception {
        Path data = dataDir;
        var options = FreePorts.options(data);
        try (StandalonePlatform platform = StandalonePlatform.start(options)) {
            var http = PlatformHttp.admin(platform);
            var defined = http.post("/api/v1/datasets", "application/json", schema());
            assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
            upload(options.gatewayPort(), "w", WARMUP, http);
            Cpu before = Cpu.now(data);
            long start = System.nanoTime();
            String batch = upload(options.gatewayPort(), "r", RECORDS, http);
            double accepted = (System.nanoTime() - start) / 1e9;
            JsonNode status = org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> http.json(http.get("/api/v1/ingestions/" + batch)),
                            s -> "complete".equals(s.get("status").asString()));
            double total = (System.nanoTime() - start) / 1e9;
            Cpu after = Cpu.now(data);
            assertThat(status.get("received").asLong()).isEqualTo(RECORDS);
            System.out.printf("BENCH csv upload of %d rows x 30 columns through the gateway: accepted in %.1f s "
                    + "(%.0f rows/s), validated in %.1f s (%.0f rows/s end to end); CPU %s%n", RECORDS, accepted,
                    RECORDS / accepted, total, RECORDS / total, after.minus(before).perRecord(RECORDS));
            System.out.printf("BENCH load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        }
        finally {
            delete(data);
        }
    }

    /** The run's data directory (Kafka's log and PostgreSQL, gigabytes after a million records) goes with the run. */
    private static void delete(Path data) throws java.io.IOException {
        try (var paths = Files.walk(data)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Streams a generated CSV of {@code rows} rows as the request body; returns the batch id. */
    private static String upload(int gatewayPort, String ids, int rows, PlatformHttp http) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + gatewayPort + "/api/v1/datasets/bench/records"))
                .header("Content-Type", "text/csv")
                .header("X-Api-Key", http.apiKey())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> csv(ids, rows)))
                .build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return http.json(response).get("batchId").asString();
    }

    /** The benchmark's records as CSV, generated while it is read. */
    private static java.io.InputStream csv(String ids, int rows) {
        var random = new SplittableRandom(7);
        return new java.io.SequenceInputStream(new java.util.Enumeration<>() {
            private int row = -1;

            @Override
            public boolean hasMoreElements() {
                return row < rows;
            }

            @Override
            public java.io.InputStream nextElement() {
                StringBuilder block = new StringBuilder(64 * 1024);
                if (row < 0) {
                    block.append("_id");
                    for (int c = 0; c < 10; c++) {
                        block.append(",x").append(c);
                    }
                    for (int c = 0; c < 10; c++) {
                        block.append(",n").append(c);
                    }
                    for (int c = 0; c < 5; c++) {
                        block.append(",city").append(c);
                    }
                    block.append(",flag0,flag1,flag2,note,code\n");
                    row = 0;
                }
                for (int i = 0; i < 1000 && row < rows; i++, row++) {
                    block.append(ids).append(row);
                    for (int c = 0; c < 10; c++) {
                        block.append(',').append(Math.round(random.nextDouble() * 1e6) / 1e3);
                    }
                    for (int c = 0; c < 10; c++) {
                        block.append(',').append(c == 0 && row % 100 == 99 ? 1000 : random.nextInt(100));
                    }
                    for (int c = 0; c < 5; c++) {
                        block.append(',').append(CITIES[random.nextInt(CITIES.length)]);
                    }
                    for (int c = 0; c < 3; c++) {
                        block.append(',').append(random.nextBoolean());
                    }
                    block.append(",record ").append(row).append(" of the benchmark,C-").append(random.nextInt(10_000))
                            .append('\n');
                }
                return new java.io.ByteArrayInputStream(block.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** Seconds from the first send until {@code done} returns. */
    private static double run(String kafka, String topic, String ids, int records, ThrowingRunnable done)
            throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                done.run();
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            var random = new SplittableRandom(42);
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, record(random, ids, i)));
            }
        }
        waiting.get();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Waits until the records.checked events of dataset bench account for {@code total} records. */
    private static void validated(String kafka, long total) {
        AtomicLong judged = new AtomicLong();
        read(kafka, Topics.DATASET_EVENTS, record -> {
            String text = new String(record.value(), StandardCharsets.UTF_8);
            if (text.contains("\"type\":\"records.checked\"") && text.contains("\"dataset\":\"bench\"")) {
                judged.addAndGet(number(text, "\"valid\":") + number(text, "\"quarantined\":"));
            }
            return judged.get() >= total;
        });
    }

    private static void consumed(String kafka, String topic, long total) {
        AtomicLong read = new AtomicLong();
        read(kafka, topic, record -> read.incrementAndGet() >= total);
    }

    private static void read(String kafka, String topic, java.util.function.Predicate<ConsumerRecord<String, byte[]>> done) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (done.test(record)) {
                        return;
                    }
                }
            }
            throw new IllegalStateException("timed out reading " + topic);
        }
    }

    private static long number(String text, String field) {
        int at = text.indexOf(field) + field.length();
        int end = at;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return Long.parseLong(text.substring(at, end));
    }

    /** A record of 30 columns: 10 numeric, 10 integer, 5 categorical, 3 boolean, 2 text; about 1 in 100 invalid. */
    static byte[] record(SplittableRandom random, String ids, int i) {
        StringBuilder json = new StringBuilder(640).append('{');
        json.append("\"_id\":\"").append(ids).append(i).append('"');
        for (int c = 0; c < 10; c++) {
            json.append(",\"x").append(c).append("\":").append(Math.round(random.nextDouble() * 1e6) / 1e3);
        }
        for (int c = 0; c < 10; c++) {
            int value = random.nextInt(100);
            json.append(",\"n").append(c).append("\":").append(c == 0 && i % 100 == 99 ? 1000 : value);
        }
        for (int c = 0; c < 5; c++) {
            json.append(",\"city").append(c).append("\":\"").append(CITIES[random.nextInt(CITIES.length)]).append('"');
        }
        for (int c = 0; c < 3; c++) {
            json.append(",\"flag").append(c).append("\":").append(random.nextBoolean());
        }
        json.append(",\"note\":\"record ").append(i).append(" of the benchmark\"");
        json.append(",\"code\":\"C-").append(random.nextInt(10_000)).append("\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String schema() {
        StringBuilder columns = new StringBuilder();
        for (int c = 0; c < 10; c++) {
            columns.append("{\"name\":\"x").append(c).append("\",\"type\":\"numeric\",\"nullable\":false,\"min\":0},");
        }
        for (int c = 0; c < 10; c++) {
            columns.append("{\"name\":\"n").append(c).append("\",\"type\":\"integer\",\"nullable\":false,\"min\":0,\"max\":99},");
        }
        for (int c = 0; c < 5; c++) {
            columns.append("{\"name\":\"city").append(c).append("\",\"type\":\"categorical\",\"allowedValues\":")
                    .append("[\"Lisbon\",\"Porto\",\"Braga\",\"Coimbra\",\"Faro\",\"Aveiro\",\"Evora\"]},");
        }
        for (int c = 0; c < 3; c++) {
            columns.append("{\"name\":\"flag").append(c).append("\",\"type\":\"boolean\"},");
        }
        columns.append("{\"name\":\"note\",\"type\":\"text\"},{\"name\":\"code\",\"type\":\"text\",\"pattern\":\"C-[0-9]+\"}");
        return "{\"name\":\"bench\",\"columns\":[" + columns + "]}";
    }

    /**
     * CPU time used so far by this JVM (the platform, its broker and the benchmark's clients) and by the platform's
     * PostgreSQL processes. Per record it depends much less than wall-clock time on what else the machine runs.
     */
    record Cpu(double jvm, double postgres, Map<String, Long> threads) {

        static Cpu now(Path data) {
            double jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
            // the postmaster whose command line names this run's data directory, and its backends
            double postgres = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains(data.toString()))
                    .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                    .filter(p -> p.info().command().orElse("").endsWith("postgres"))
                    .distinct().mapToDouble(p -> ticks(p.pid()) / 100.0).sum();
            return new Cpu(jvm, postgres, threadCpu());
        }

        /**
         * CPU nanoseconds so far of the JVM's live threads, from /proc, so that the collector's and the compilers'
         * threads count too; added up by name (as the kernel keeps it, the first 15 characters) with the numbers
         * taken out: which part of the platform a record's CPU went to.
         */
        private static Map<String, Long> threadCpu() {
            Map<String, Long> byName = new java.util.TreeMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        byName.merge(name.replaceAll("\\d+", "N"), ticks(stat) * 10_000_000L, Long::sum);
                    }
                    catch (java.io.IOException | RuntimeException gone) {
                        // the thread ended meanwhile
                    }
                }
            }
            catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            return byName;
        }

        /** The threads that used the most CPU since {@code earlier}, in microseconds per record. */
        String byThread(Cpu earlier, int records) {
            StringBuilder out = new StringBuilder();
            minus(earlier).threads.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(16)
                    .forEach(e -> out.append(String.format("%n  %5.1f us %s", e.getValue() / 1e3 / records, e.getKey())));
            return out.toString();
        }

        /** utime + stime of a process in clock ticks (100 a second on Linux), 0 when it has gone. */
        private static long ticks(long pid) {
            try {
                return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
            }
            catch (java.io.IOException | RuntimeException gone) {
                return 0;
            }
        }

        /** utime + stime in clock ticks, from the text of a process's or a thread's {@code stat} file. */
        private static long ticks(String stat) {
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }

        /** Seconds of CPU the JIT compilers' threads used. */
        double compilers() {
            return threads.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                    .mapToLong(Map.Entry::getValue).sum() / 1e9;
        }

        Cpu minus(Cpu earlier) {
            Map<String, Long> used = new java.util.TreeMap<>();
            threads.forEach((name, ns) -> used.put(name, ns - earlier.threads.getOrDefault(name, 0L)));
            return new Cpu(jvm - earlier.jvm, postgres - earlier.postgres, used);
        }

        String perRecord(int records) {
            return String.format("%.1f s JVM + %.1f s PostgreSQL = %.0f us/record", jvm, postgres,
                    (jvm + postgres) * 1e6 / records);
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}

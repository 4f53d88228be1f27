package io.vishwaops.validation.record.messaging;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.contracts.records.RecordsIngested;
import io.vishwaops.validation.record.ValidatedJsonBenchmark;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * CPU per record of reading a {@code records.ingested} message of 1,000 records of the record-path benchmark's 30
 * columns: bound to the envelope's records by data binding as before, and by {@link IngestedChunks} in one
 * streaming pass that also notes where each record's values lie. Thread CPU time. Not part of the test suite:
 * {@code ./mvnw -o -pl validation-service test -Dtest=IngestedChunksBenchmark}.
 */
class IngestedChunksBenchmark {


    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readingIngestedChunks() {
        List<RecordIngested> records = new ArrayList<>();
        var random = new SplittableRandom(1);
        UUID batch = UUID.randomUUID();
        Instant received = Instant.now();
        for (int i = 0; i < 1000; i++) {
            records.add(new RecordIngested("bench", UUID.randomUUID(), batch, i + 1, 1, ValidatedJsonBenchmark.values(random, i), List.of(),
                    received));
        }
        byte[] message = json.writeValueAsBytes(new EventEnvelope<>(UUID.randomUUID(), "records.ingested",
                Instant.now(), 1, "/vops/ingestion-service", "bench", new RecordsIngested("bench", records)));
        JavaType type = json.getTypeFactory().constructParametricType(EventEnvelope.class, RecordsIngested.class);
        IngestedChunks chunks = new IngestedChunks(json, (dataset, version) -> null);
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            long start = cpu();
            for (int i = 0; i < 300; i++) {
                EventEnvelope<RecordsIngested> read = json.readValue(message, type);
                sink += read.data().records().size();
            }
            long bound = cpu() - start;
            start = cpu();
            for (int i = 0; i < 300; i++) {
                sink += chunks.read("vops.records.ingested", message).records().size();
            }
            long streamed = cpu() - start;
            System.out.printf("BENCH reading records.ingested, round %d: data binding %.2f us/record, streaming "
                    + "%.2f us/record (%d)%n", round, bound / 300e6, streamed / 300e6, sink % 10);
        }
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}

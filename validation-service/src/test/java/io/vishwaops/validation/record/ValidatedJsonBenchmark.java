package io.vishwaops.validation.record;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.records.RecordValidated;
import io.vishwaops.contracts.records.RecordsValidated;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * CPU per record of writing a {@code records.validated} message of 1,000 records of the record-path benchmark's 30
 * columns: serialized from the records' maps as before, and by {@link ValidatedJson} with the values' text copied.
 * Thread CPU time, so it varies little with what else the machine runs. Not part of the test suite:
 * {@code ./mvnw -o -pl validation-service test -Dtest=ValidatedJsonBenchmark}.
 */
public class ValidatedJsonBenchmark {

    private static final String[] CITIES = {"Lisbon", "Porto", "Braga", "Coimbra", "Faro", "Aveiro", "Evora"};

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void writingValidatedChunks() {
        Instant received = Instant.now();
        Instant validated = Instant.now();
        List<RecordValidated> records = new ArrayList<>();
        List<ValuesJson> texts = new ArrayList<>();
        var random = new SplittableRandom(1);
        UUID batch = UUID.randomUUID();
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> values = values(random, i);
            byte[] text = json.writeValueAsBytes(values);
            records.add(new RecordValidated("bench", UUID.randomUUID(), batch, values, received, validated, 1));
            texts.add(new ValuesJson(text, 0, text.length));
        }
        var envelope = new EventEnvelope<>(UUID.randomUUID(), "records.validated", Instant.now(), 1,
                "/vops/validation-service", "bench", new RecordsValidated("bench", records));
        var empty = new EventEnvelope<>(envelope.eventId(), envelope.type(), envelope.occurredAt(), 1,
                envelope.source(), "bench", new RecordsValidated("bench", List.of()));
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            long start = cpu();
            for (int i = 0; i < 300; i++) {
                sink += json.writeValueAsBytes(envelope).length;
            }
            long mapped = cpu() - start;
            start = cpu();
            for (int i = 0; i < 300; i++) {
                sink += new ValidatedJson(json, 512 * 1024).write(empty, "bench", records, texts).length;
            }
            long copied = cpu() - start;
            System.out.printf("BENCH writing records.validated, round %d: from maps %.2f us/record, values copied "
                    + "%.2f us/record (%d)%n", round, mapped / 300e6, copied / 300e6, sink % 10);
        }
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * The values of a record of the record-path benchmark, as validation's checks leave them (as JSON, the same text
     * as the raw record's).
     */
    public static Map<String, Object> values(SplittableRandom random, int i) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int c = 0; c < 10; c++) {
            values.put("x" + c, Math.round(random.nextDouble() * 1e6) / 1e3);
        }
        for (int c = 0; c < 10; c++) {
            values.put("n" + c, (long) random.nextInt(100));
        }
        for (int c = 0; c < 5; c++) {
            values.put("city" + c, CITIES[random.nextInt(CITIES.length)]);
        }
        for (int c = 0; c < 3; c++) {
            values.put("flag" + c, random.nextBoolean());
        }
        values.put("note", "record " + i + " of the benchmark");
        values.put("code", "C-" + random.nextInt(10_000));
        return values;
    }
}

package io.vishwaops.ingestion.record;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.messaging.Outbox;
import io.vishwaops.problems.InvalidInput;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts records for a dataset: the batch is recorded and every record is put on
 * {@code vops.records.ingested} through the outbox, in one transaction, so a batch is either wholly
 * accepted and on its way or not accepted at all.
 */
@Service
public class RecordIngestion {

    static final Pattern DATASET_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    RecordIngestion(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    public IngestionReceipt ingest(String dataset, String source, List<Map<String, Object>> records) {
        check(dataset, records);
        UUID batchId = UUID.randomUUID();
        Instant receivedAt = clock.instant();
        jdbc.sql("""
                insert into ingestion_batch (id, dataset, source, record_count, received_at)
                values (:id, :dataset, :source, :count, :receivedAt)""")
                .param("id", batchId)
                .param("dataset", dataset)
                .param("source", source)
                .param("count", records.size())
                .param("receivedAt", java.sql.Timestamp.from(receivedAt))
                .update();
        List<UUID> recordIds = new ArrayList<>(records.size());
        for (Map<String, Object> values : records) {
            UUID recordId = UUID.randomUUID();
            outbox.append(dataset, new RecordIngested(dataset, recordId, batchId, values, receivedAt));
            recordIds.add(recordId);
        }
        return new IngestionReceipt(batchId, dataset, source, records.size(), recordIds, receivedAt);
    }

    @Transactional(readOnly = true)
    public IngestionReceipt batch(UUID batchId) {
        return jdbc.sql("select id, dataset, source, record_count, received_at from ingestion_batch where id = :id")
                .param("id", batchId)
                .query((rs, n) -> new IngestionReceipt(rs.getObject("id", UUID.class), rs.getString("dataset"),
                        rs.getString("source"), rs.getInt("record_count"), List.of(),
                        rs.getTimestamp("received_at").toInstant()))
                .optional()
                .orElseThrow(() -> new IngestionBatchNotFound(batchId));
    }

    private static void check(String dataset, List<Map<String, Object>> records) {
        if (!DATASET_NAME.matcher(dataset).matches()) {
            throw new InvalidInput("name", "dataset names are 1-64 characters of a-z, 0-9, '_' and '-', "
                    + "starting with a letter or digit; got '" + dataset + "'");
        }
        if (records.isEmpty()) {
            throw new InvalidInput("body", "no records: send a JSON object, a JSON array of objects or NDJSON");
        }
        List<InvalidInput.Error> errors = new ArrayList<>();
        for (int row = 0; row < records.size() && errors.size() < 100; row++) {
            Map<String, Object> values = records.get(row);
            if (values == null) {
                errors.add(new InvalidInput.Error("records[" + row + "]", "must be a JSON object, was null"));
                continue;
            }
            for (Map.Entry<String, Object> value : values.entrySet()) {
                if (value.getValue() instanceof Map || value.getValue() instanceof List) {
                    errors.add(new InvalidInput.Error("records[" + row + "]." + value.getKey(),
                            "values must be strings, numbers, booleans or null, not nested objects or arrays"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }
}

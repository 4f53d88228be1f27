package io.vishwaops.ingestion.record;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.ingestion.dataset.DatasetDefinitions;
import io.vishwaops.ingestion.dataset.DatasetVersion;
import io.vishwaops.messaging.Outbox;
import io.vishwaops.problems.InvalidInput;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts records for a defined dataset: the batch is recorded and every record is put on
 * {@code vops.records.ingested} through the outbox, in one transaction, so a batch is either wholly accepted
 * and on its way or not accepted at all. Whether the values fit the schema is validation's decision.
 */
@Service
public class RecordIngestion {

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final DatasetDefinitions datasets;
    private final RecordIds ids;
    private final ValidationProgress validation;
    private final Clock clock = Clock.systemUTC();

    RecordIngestion(JdbcClient jdbc, Outbox outbox, DatasetDefinitions datasets, JsonMapper json,
            ValidationProgress validation) {
        this.jdbc = jdbc;
        this.validation = validation;
        this.outbox = outbox;
        this.datasets = datasets;
        this.ids = new RecordIds(json);
    }

    @Transactional
    public IngestionReceipt ingest(String dataset, String source, List<Map<String, Object>> records) {
        DatasetVersion schema = datasets.current(dataset);
        check(records);
        UUID batchId = UUID.randomUUID();
        Instant receivedAt = clock.instant();
        jdbc.sql("""
                insert into ingestion_batch (id, dataset, source, record_count, received_at, schema_version)
                values (:id, :dataset, :source, :count, :receivedAt, :version)""")
                .param("id", batchId)
                .param("dataset", dataset)
                .param("source", source)
                .param("count", records.size())
                .param("receivedAt", Timestamp.from(receivedAt))
                .param("version", schema.version())
                .update();
        List<UUID> recordIds = new ArrayList<>(records.size());
        long row = 0;
        for (Map<String, Object> sent : records) {
            Map<String, Object> values = new LinkedHashMap<>(sent);
            Object clientId = values.remove(RecordIds.CLIENT_ID);
            UUID recordId = ids.of(dataset, clientId, values);
            outbox.append(dataset, new RecordIngested(dataset, recordId, batchId, ++row, schema.version(), values,
                    List.of(), receivedAt));
            recordIds.add(recordId);
        }
        return new IngestionReceipt(batchId, dataset, source, records.size(), recordIds, receivedAt);
    }

    /** The batch as ingestion received it, with validation's counts so far. */
    public BatchStatus batch(UUID batchId) {
        BatchStatus received = jdbc.sql("""
                select id, dataset, source, schema_version, record_count, received_at from ingestion_batch
                where id = :id""")
                .param("id", batchId)
                .query((rs, n) -> new BatchStatus(rs.getObject("id", UUID.class), rs.getString("dataset"),
                        rs.getString("source"), (Integer) rs.getObject("schema_version"), rs.getLong("record_count"),
                        null, null, "unknown", rs.getTimestamp("received_at").toInstant()))
                .optional()
                .orElseThrow(() -> new IngestionBatchNotFound(batchId));
        return validation.judged(received);
    }

    private static void check(List<Map<String, Object>> records) {
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

package io.vishwaops.ingestion.record;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.records.QuarantineReleased;
import io.vishwaops.contracts.records.RecordsChecked;
import io.vishwaops.contracts.records.RecordsReceived;
import io.vishwaops.messaging.Inbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every batch's accounting: chunks received (each counted once, whether the uploader or the event recorded it
 * first) and validation's verdicts. Fed by events that count each record once: {@code records.received} travels in
 * the Kafka transaction of the records it counts, {@code records.checked} in validation's database transaction that
 * stores the verdicts, so received = valid + quarantined once validation is through.
 */
@Service
public class BatchLedger {

    static final String CONSUMER = "ingestion.batch-ledger";
    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Inbox inbox;
    private final JsonMapper json;

    BatchLedger(JdbcClient jdbc, Inbox inbox, JsonMapper json) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.json = json;
    }

    /** Records a chunk; idempotent, so the uploader and the event can both record it. */
    @Transactional
    public void received(RecordsReceived chunk) {
        jdbc.sql("""
                insert into ingestion_batch (id, dataset, source, schema_version, received_at)
                values (:id, :dataset, :source, :version, :receivedAt) on conflict (id) do nothing""")
                .param("id", chunk.batchId())
                .param("dataset", chunk.dataset())
                .param("source", chunk.source())
                .param("version", chunk.schemaVersion())
                .param("receivedAt", Timestamp.from(chunk.receivedAt()))
                .update();
        int fresh = jdbc.sql("""
                insert into batch_chunk (batch_id, first_row, count, last) values (:id, :firstRow, :count, :last)
                on conflict do nothing""")
                .param("id", chunk.batchId())
                .param("firstRow", chunk.firstRow())
                .param("count", chunk.count())
                .param("last", chunk.last())
                .update();
        if (fresh == 1 && chunk.last()) {
            jdbc.sql("update ingestion_batch set expected = :expected where id = :id")
                    .param("expected", chunk.firstRow() + chunk.count() - 1)
                    .param("id", chunk.batchId())
                    .update();
        }
    }

    public void received(EventEnvelope<RecordsReceived> event) {
        inbox.once(CONSUMER, event.eventId(), () -> received(event.data()));
    }

    public void checked(EventEnvelope<RecordsChecked> event) {
        RecordsChecked checked = event.data();
        inbox.once(CONSUMER, event.eventId(), () -> {
            // verdicts can overtake the chunk's own event: the batch row may not exist yet
            jdbc.sql("""
                    insert into ingestion_batch (id, dataset, source, received_at) values (:id, :dataset, 'unknown', now())
                    on conflict (id) do nothing""")
                    .param("id", checked.batchId())
                    .param("dataset", checked.dataset())
                    .update();
            String before = jdbc.sql("select violations from ingestion_batch where id = :id for update")
                    .param("id", checked.batchId())
                    .query(String.class)
                    .single();
            Map<String, Long> violations = new TreeMap<>(json.readValue(before, COUNTS));
            checked.violationsByRule().forEach((rule, n) -> violations.merge(rule, n, Long::sum));
            jdbc.sql("""
                    update ingestion_batch set valid = valid + :valid, quarantined = quarantined + :quarantined,
                        violations = cast(:violations as jsonb) where id = :id""")
                    .param("valid", checked.valid())
                    .param("quarantined", checked.quarantined())
                    .param("violations", json.writeValueAsString(violations))
                    .param("id", checked.batchId())
                    .update();
        });
    }

    public void released(EventEnvelope<QuarantineReleased> event) {
        QuarantineReleased released = event.data();
        inbox.once(CONSUMER, event.eventId(), () -> jdbc.sql("""
                update ingestion_batch set valid = valid + :released, quarantined = quarantined - :released
                where id = :id""")
                .param("released", released.released())
                .param("id", released.batchId())
                .update());
    }

    @Transactional(readOnly = true)
    public BatchStatus status(UUID batchId) {
        return jdbc.sql(SELECT_STATUS + " where b.id = :id")
                .param("id", batchId)
                .query((rs, n) -> status(rs))
                .optional()
                .orElseThrow(() -> new IngestionBatchNotFound(batchId));
    }

    /** The dataset's batches, newest first, from {@code offset}: what a person looks at to see how ingestion goes. */
    @Transactional(readOnly = true)
    public List<BatchStatus> recent(String dataset, int offset, int limit) {
        return jdbc.sql(SELECT_STATUS + " where b.dataset = :dataset order by b.received_at desc, b.id"
                        + " offset :offset limit :limit")
                .param("dataset", dataset)
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, n) -> status(rs))
                .list();
    }

    private static final String SELECT_STATUS = """
            select b.*, coalesce((select sum(count) from batch_chunk c where c.batch_id = b.id), 0) as received
            from ingestion_batch b""";

    private BatchStatus status(java.sql.ResultSet rs) throws java.sql.SQLException {
        long received = rs.getLong("received");
        Long expected = (Long) rs.getObject("expected");
        long judged = rs.getLong("valid") + rs.getLong("quarantined");
        String status = expected == null || received < expected ? "receiving"
                : judged < expected ? "validating" : "complete";
        return new BatchStatus(rs.getObject("id", UUID.class), rs.getString("dataset"), rs.getString("source"),
                (Integer) rs.getObject("schema_version"), received, rs.getLong("valid"),
                rs.getLong("quarantined"), json.readValue(rs.getString("violations"), COUNTS), status,
                rs.getTimestamp("received_at").toInstant());
    }
}

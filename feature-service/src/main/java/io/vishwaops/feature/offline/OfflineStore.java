package io.vishwaops.feature.offline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.records.RecordValidated;
import io.vishwaops.messaging.Inbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Validated records, stored once each, read back by dataset and record id. */
@Service
public class OfflineStore {

    static final String CONSUMER = "features.validated-records";
    private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Inbox inbox;
    private final JsonMapper json;

    OfflineStore(JdbcClient jdbc, Inbox inbox, JsonMapper json) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.json = json;
    }

    /** @return whether the event was handled now (false for a redelivery) */
    public boolean store(EventEnvelope<RecordValidated> event) {
        RecordValidated record = event.data();
        return inbox.once(CONSUMER, event.eventId(), () -> jdbc.sql("""
                insert into offline_record (dataset, record_id, batch_id, values, received_at, validated_at)
                values (:dataset, :recordId, :batchId, cast(:values as jsonb), :receivedAt, :validatedAt)
                on conflict (dataset, record_id) do nothing""")
                .param("dataset", record.dataset())
                .param("recordId", record.recordId())
                .param("batchId", record.batchId())
                .param("values", json.writeValueAsString(record.values()))
                .param("receivedAt", Timestamp.from(record.receivedAt()))
                .param("validatedAt", Timestamp.from(record.validatedAt()))
                .update());
    }

    @Transactional(readOnly = true)
    public StoredRecord find(String dataset, UUID recordId) {
        return jdbc.sql("select * from offline_record where dataset = :dataset and record_id = :recordId")
                .param("dataset", dataset)
                .param("recordId", recordId)
                .query(this::row)
                .optional()
                .orElseThrow(() -> new RecordNotFound(dataset, recordId));
    }

    /** Records of a dataset in the order they were stored, {@code limit} at most, after {@code offset}. */
    @Transactional(readOnly = true)
    public List<StoredRecord> list(String dataset, int offset, int limit) {
        return jdbc.sql("""
                select * from offline_record where dataset = :dataset
                order by stored_at, record_id offset :offset limit :limit""")
                .param("dataset", dataset)
                .param("offset", offset)
                .param("limit", limit)
                .query(this::row)
                .list();
    }

    private StoredRecord row(ResultSet rs, int n) throws SQLException {
        return new StoredRecord(rs.getString("dataset"), rs.getObject("record_id", UUID.class),
                rs.getObject("batch_id", UUID.class), json.readValue(rs.getString("values"), VALUES),
                rs.getTimestamp("received_at").toInstant(), rs.getTimestamp("validated_at").toInstant(),
                rs.getTimestamp("stored_at").toInstant());
    }
}

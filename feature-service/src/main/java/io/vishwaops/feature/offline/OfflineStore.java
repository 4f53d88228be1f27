package io.vishwaops.feature.offline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.records.RecordValidated;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Validated records, stored once each, read back by dataset and record id. */
@Service
public class OfflineStore {

    private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    OfflineStore(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    /**
     * Stores a poll's worth of validated records in one batched statement. A record already stored (a redelivery,
     * a replay upstream) is left as it is, so storing is idempotent without remembering events.
     */
    @Transactional
    public void storeAll(List<RecordValidated> records) {
        List<Object[]> rows = new ArrayList<>(records.size());
        for (RecordValidated record : records) {
            rows.add(new Object[] {record.dataset(), record.recordId(), record.batchId(),
                    json.writeValueAsString(record.values()), Timestamp.from(record.receivedAt()),
                    Timestamp.from(record.validatedAt()), record.schemaVersion()});
        }
        batch.batchUpdate("""
                insert into offline_record (dataset, record_id, batch_id, values, received_at, validated_at,
                    schema_version)
                values (?, ?, ?, cast(? as jsonb), ?, ?, ?) on conflict (dataset, record_id) do nothing""", rows);
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

package io.vishwaops.feature.offline;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.vishwaops.contracts.records.RecordValidated;
import io.vishwaops.feature.dataset.DatasetSchemas;
import io.vishwaops.feature.dataset.Placement;
import io.vishwaops.feature.online.OnlineStore;

import org.springframework.jdbc.core.ConnectionCallback;
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
    private final DatasetSchemas schemas;
    private final OnlineStore online;

    OfflineStore(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json, DatasetSchemas schemas, OnlineStore online) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
        this.schemas = schemas;
        this.online = online;
    }

    /**
     * A validated record as it travels: its values as JSON text and its ids and times as text, stored as they are,
     * so that a record read from a message is not parsed into a map and written back to JSON for its {@code jsonb}
     * column. {@code parsedValues} is the values as a map when the caller has it already, else null: it is only
     * needed to place the record (entity id, event time), and then read from {@code values}.
     */
    public record Incoming(String dataset, UUID recordId, String batchId, String values, String receivedAt,
            String validatedAt, int schemaVersion, Map<String, Object> parsedValues) {
    }

    /**
     * Stores a poll's worth of validated records in one statement, each placed by its schema version (entity id and
     * event time), and moves the online vectors of their entities forward in the same transaction. A record already
     * stored (a redelivery, a replay upstream) is left as it is and does not touch the online store, so storing is
     * idempotent without remembering events.
     */
    @Transactional
    public void storeAll(List<RecordValidated> records) {
        store(records.stream().map(this::incoming).toList());
    }

    /** {@link #storeAll} for records as they arrived in a message. */
    @Transactional
    public void storeIncoming(List<Incoming> records) {
        store(records);
    }

    /** A record read into its event's record, as {@link Incoming}. */
    public Incoming incoming(RecordValidated record) {
        return new Incoming(record.dataset(), record.recordId(), record.batchId().toString(),
                json.writeValueAsString(record.values()), record.receivedAt().toString(),
                record.validatedAt().toString(), record.schemaVersion(), record.values());
    }

    private void store(List<Incoming> records) {
        if (records.isEmpty()) {
            return;
        }
        int n = records.size();
        String[] datasets = new String[n];
        String[] ids = new String[n];
        String[] batches = new String[n];
        String[] values = new String[n];
        String[] received = new String[n];
        String[] validated = new String[n];
        Integer[] versions = new Integer[n];
        String[] entities = new String[n];
        String[] times = new String[n];
        List<OnlineStore.Update> updates = new ArrayList<>(n);
        Map<String, Placement> placements = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Incoming record = records.get(i);
            Placement placement = placements.computeIfAbsent(record.dataset() + '\u0000' + record.schemaVersion(),
                    key -> schemas.placement(record.dataset(), record.schemaVersion()));
            Map<String, Object> parsed = placement.entityKey() == null && placement.eventTime() == null ? Map.of()
                    : record.parsedValues() != null ? record.parsedValues() : json.readValue(record.values(), VALUES);
            String entityId = placement.entityId(parsed);
            Instant eventTime = placement.eventTime(parsed);
            datasets[i] = record.dataset();
            ids[i] = record.recordId().toString();
            batches[i] = record.batchId();
            values[i] = record.values();
            received[i] = record.receivedAt();
            validated[i] = record.validatedAt();
            versions[i] = record.schemaVersion();
            entities[i] = entityId;
            times[i] = eventTime == null ? null : eventTime.toString();
            // a record of a timed dataset that does not say when it held cannot be placed before or after another
            if (entityId != null && (placement.eventTime() == null || eventTime != null)) {
                updates.add(new OnlineStore.Update(record.dataset(), entityId, record.recordId(), values[i],
                        eventTime));
            }
        }
        Set<UUID> stored = new HashSet<>(batch.execute((ConnectionCallback<List<UUID>>) connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into offline_record (dataset, record_id, batch_id, values, received_at, validated_at,
                        schema_version, entity_id, event_time)
                    select d, cast(r as uuid), cast(b as uuid), cast(v as jsonb), cast(ra as timestamptz),
                        cast(va as timestamptz), sv, e, cast(et as timestamptz)
                    from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?) as t(d, r, b, v, ra, va, sv, e, et)
                    on conflict (dataset, record_id) do nothing
                    returning record_id""")) {
                insert.setArray(1, connection.createArrayOf("text", datasets));
                insert.setArray(2, connection.createArrayOf("text", ids));
                insert.setArray(3, connection.createArrayOf("text", batches));
                insert.setArray(4, connection.createArrayOf("text", values));
                insert.setArray(5, connection.createArrayOf("text", received));
                insert.setArray(6, connection.createArrayOf("text", validated));
                insert.setArray(7, connection.createArrayOf("int4", versions));
                insert.setArray(8, connection.createArrayOf("text", entities));
                insert.setArray(9, connection.createArrayOf("text", times));
                List<UUID> inserted = new ArrayList<>(n);
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(rs.getObject(1, UUID.class));
                    }
                }
                return inserted;
            }
        }));
        updates.removeIf(update -> !stored.contains(update.recordId()));
        online.apply(updates);
    }

    /**
     * Places the records of {@code dataset} stored before any of its schema had arrived (the two topics are read
     * independently, so a record can overtake its dataset's definition), and brings their entities' online vectors
     * up to date.
     */
    @Transactional
    public void placeUnplaced(String dataset) {
        Placement placement = schemas.placement(dataset, 0);
        if (placement.entityKey() == null) {
            return;
        }
        List<OnlineStore.Update> updates = new ArrayList<>();
        jdbc.sql("""
                select record_id, values::text as values from offline_record
                where dataset = :dataset and entity_id is null order by stored_at, record_id""")
                .param("dataset", dataset)
                .query((ResultSet rs) -> {
                    Map<String, Object> values = json.readValue(rs.getString("values"), VALUES);
                    String entityId = placement.entityId(values);
                    Instant eventTime = placement.eventTime(values);
                    if (entityId == null) {
                        return;
                    }
                    UUID recordId = rs.getObject("record_id", UUID.class);
                    jdbc.sql("""
                            update offline_record set entity_id = :entityId, event_time = :eventTime
                            where dataset = :dataset and record_id = :recordId""")
                            .param("entityId", entityId)
                            .param("eventTime", eventTime == null ? null : Timestamp.from(eventTime))
                            .param("dataset", dataset)
                            .param("recordId", recordId)
                            .update();
                    if (placement.eventTime() == null || eventTime != null) {
                        updates.add(new OnlineStore.Update(dataset, entityId, recordId, rs.getString("values"),
                                eventTime));
                    }
                });
        online.apply(updates);
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

package io.vishwaops.validation.record;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.messaging.EventReader.Delivery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * What validation remembers: the records each dataset accepted (so a duplicate is refused), the entity keys they
 * hold (so a key stays unique) and the quarantined records with their reasons (to browse and replay). Read and
 * written a poll at a time, with one query or one batched statement per table.
 */
@Component
class ValidationStore {

    /** Where a record occurrence was judged, and where it was read from. */
    record Occurrence(UUID batchId, long row, int partition, long offset) {

        boolean readAt(Delivery<RecordIngested> delivery) {
            return partition == delivery.partition() && offset == delivery.offset();
        }
    }

    private final JdbcTemplate batch;
    private final JsonMapper json;

    ValidationStore(JdbcTemplate batch, JsonMapper json) {
        this.batch = batch;
        this.json = json;
    }

    Map<UUID, Occurrence> accepted(String dataset, List<UUID> recordIds) {
        Map<UUID, Occurrence> found = new HashMap<>();
        if (recordIds.isEmpty()) {
            return found;
        }
        batch.query(con -> {
            var statement = con.prepareStatement("""
                    select record_id, batch_id, row_number, source_partition, source_offset from accepted_record
                    where dataset = ? and record_id = any(?)""");
            statement.setString(1, dataset);
            statement.setArray(2, con.createArrayOf("uuid", recordIds.toArray()));
            return statement;
        }, rs -> {
            found.put(rs.getObject("record_id", UUID.class), new Occurrence(rs.getObject("batch_id", UUID.class),
                    rs.getLong("row_number"), rs.getInt("source_partition"), rs.getLong("source_offset")));
        });
        return found;
    }

    /** The occurrences among {@code deliveries} that were quarantined before, by batch and row. */
    Map<String, Occurrence> quarantined(List<Delivery<RecordIngested>> deliveries) {
        Map<String, Occurrence> found = new HashMap<>();
        if (deliveries.isEmpty()) {
            return found;
        }
        batch.query(con -> {
            var statement = con.prepareStatement("""
                    select batch_id, row_number, source_partition, source_offset from validation_outcome
                    where (batch_id, row_number) in (select * from unnest(?, ?))""");
            statement.setArray(1, con.createArrayOf("uuid",
                    deliveries.stream().map(d -> d.event().data().batchId()).toArray()));
            statement.setArray(2, con.createArrayOf("bigint",
                    deliveries.stream().map(d -> d.event().data().row()).toArray()));
            return statement;
        }, rs -> {
            var occurrence = new Occurrence(rs.getObject("batch_id", UUID.class), rs.getLong("row_number"),
                    rs.getInt("source_partition"), rs.getLong("source_offset"));
            found.put(occurrence.batchId() + "/" + occurrence.row(), occurrence);
        });
        return found;
    }

    Map<String, UUID> entityKeyOwners(String dataset, List<String> keys) {
        Map<String, UUID> owners = new HashMap<>();
        if (keys.isEmpty()) {
            return owners;
        }
        batch.query(con -> {
            var statement = con.prepareStatement("select key, record_id from entity_key where dataset = ? and key = any(?)");
            statement.setString(1, dataset);
            statement.setArray(2, con.createArrayOf("text", keys.toArray()));
            return statement;
        }, rs -> {
            owners.put(rs.getString("key"), rs.getObject("record_id", UUID.class));
        });
        return owners;
    }

    /** Stores a poll's verdicts; idempotent per record occurrence, so a redelivered poll changes nothing. */
    void record(String dataset, List<RecordValidation.Verdict> verdicts, Instant checkedAt) {
        List<Object[]> accepted = new ArrayList<>();
        List<Object[]> keys = new ArrayList<>();
        List<Object[]> quarantined = new ArrayList<>();
        Timestamp at = Timestamp.from(checkedAt);
        for (RecordValidation.Verdict verdict : verdicts) {
            var record = verdict.record();
            if (verdict.valid()) {
                accepted.add(new Object[] {dataset, record.recordId(), record.batchId(), record.row(),
                        verdict.partition(), verdict.offset()});
                if (verdict.entityKey() != null) {
                    keys.add(new Object[] {dataset, verdict.entityKey(), record.recordId()});
                }
            }
            else {
                quarantined.add(new Object[] {record.batchId(), record.row(), record.recordId(), dataset,
                        json.writeValueAsString(verdict.violations()), json.writeValueAsString(record.values()), at,
                        verdict.partition(), verdict.offset()});
            }
        }
        if (!accepted.isEmpty()) {
            batch.batchUpdate("""
                    insert into accepted_record
                        (dataset, record_id, batch_id, row_number, source_partition, source_offset)
                    values (?, ?, ?, ?, ?, ?) on conflict do nothing""", accepted);
        }
        if (!keys.isEmpty()) {
            batch.batchUpdate("insert into entity_key (dataset, key, record_id) values (?, ?, ?) on conflict do nothing",
                    keys);
        }
        if (!quarantined.isEmpty()) {
            batch.batchUpdate("""
                    insert into validation_outcome (batch_id, row_number, record_id, dataset, valid, violations,
                        values, checked_at, source_partition, source_offset)
                    values (?, ?, ?, ?, false, cast(? as jsonb), cast(? as jsonb), ?, ?, ?) on conflict do nothing""",
                    quarantined);
        }
    }
}

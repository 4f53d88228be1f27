package io.vishwaops.validation.record;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * What validation remembers: the records each dataset accepted (so a duplicate is refused), the entity keys they
 * hold (so a key stays unique) and the quarantined records with their reasons (to browse and replay). Read and
 * written a poll at a time, with one query or one batched statement per table.
 */
@Component
class ValidationStore {

    /** Where a record was accepted. */
    record Occurrence(UUID batchId, long row) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    ValidationStore(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    /**
     * The deliveries to judge: all but those whose event was already judged when read at another place
     * (a duplicate message). Remembers the rest, in the caller's transaction.
     */
    List<RecordValidation.Delivery> firstDeliveries(List<RecordValidation.Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<UUID, long[]> seen = new HashMap<>();
        jdbc.sql("select event_id, source_partition, source_offset from judged_event where event_id in (:ids)")
                .param("ids", deliveries.stream().map(d -> d.event().eventId()).toList())
                .query((rs, n) -> seen.put(rs.getObject("event_id", UUID.class),
                        new long[] {rs.getInt("source_partition"), rs.getLong("source_offset")}))
                .list();
        List<RecordValidation.Delivery> first = new ArrayList<>(deliveries.size());
        List<Object[]> fresh = new ArrayList<>();
        for (RecordValidation.Delivery delivery : deliveries) {
            long[] at = seen.get(delivery.event().eventId());
            if (at == null) {
                seen.put(delivery.event().eventId(), new long[] {delivery.partition(), delivery.offset()});
                fresh.add(new Object[] {delivery.event().eventId(), delivery.partition(), delivery.offset()});
                first.add(delivery);
            }
            else if (at[0] == delivery.partition() && at[1] == delivery.offset()) {
                first.add(delivery);
            }
        }
        if (!fresh.isEmpty()) {
            batch.batchUpdate("""
                    insert into judged_event (event_id, source_partition, source_offset) values (?, ?, ?)
                    on conflict do nothing""", fresh);
        }
        return first;
    }

    Map<UUID, Occurrence> accepted(String dataset, List<UUID> recordIds) {
        Map<UUID, Occurrence> found = new HashMap<>();
        if (recordIds.isEmpty()) {
            return found;
        }
        jdbc.sql("select record_id, batch_id, row_number from accepted_record where dataset = :dataset and record_id in (:ids)")
                .param("dataset", dataset)
                .param("ids", recordIds)
                .query((rs, n) -> found.put(rs.getObject("record_id", UUID.class),
                        new Occurrence(rs.getObject("batch_id", UUID.class), rs.getLong("row_number"))))
                .list();
        return found;
    }

    Map<String, UUID> entityKeyOwners(String dataset, List<String> keys) {
        Map<String, UUID> owners = new HashMap<>();
        if (keys.isEmpty()) {
            return owners;
        }
        jdbc.sql("select key, record_id from entity_key where dataset = :dataset and key in (:keys)")
                .param("dataset", dataset)
                .param("keys", keys)
                .query((rs, n) -> owners.put(rs.getString("key"), rs.getObject("record_id", UUID.class)))
                .list();
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
                accepted.add(new Object[] {dataset, record.recordId(), record.batchId(), record.row()});
                if (verdict.entityKey() != null) {
                    keys.add(new Object[] {dataset, verdict.entityKey(), record.recordId()});
                }
            }
            else {
                quarantined.add(new Object[] {record.batchId(), record.row(), record.recordId(), dataset,
                        json.writeValueAsString(verdict.violations()), json.writeValueAsString(record.values()), at});
            }
        }
        if (!accepted.isEmpty()) {
            batch.batchUpdate("""
                    insert into accepted_record (dataset, record_id, batch_id, row_number) values (?, ?, ?, ?)
                    on conflict do nothing""", accepted);
        }
        if (!keys.isEmpty()) {
            batch.batchUpdate("insert into entity_key (dataset, key, record_id) values (?, ?, ?) on conflict do nothing",
                    keys);
        }
        if (!quarantined.isEmpty()) {
            batch.batchUpdate("""
                    insert into validation_outcome
                        (batch_id, row_number, record_id, dataset, valid, violations, values, checked_at)
                    values (?, ?, ?, ?, false, cast(? as jsonb), cast(? as jsonb), ?) on conflict do nothing""",
                    quarantined);
        }
    }
}

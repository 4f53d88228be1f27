package io.vishwaops.validation.record;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.messaging.EventReader.Delivery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * What validation remembers: the records each dataset accepted (so a duplicate is refused), the entity keys they
 * hold (so a key stays unique) and the quarantined records with their reasons (to browse and replay). Read and
 * written a poll at a time, with one statement per table.
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

    /**
     * Stores a poll's verdicts; idempotent per record occurrence, so a redelivered poll changes nothing. Each table
     * takes one statement over arrays (one round trip, one plan). A record judged new that another consumer accepted
     * in the meantime (the same record id or entity key on another partition, committed between this poll's reads
     * and writes) throws {@link ConcurrentlyAccepted}: the poll's transactions roll back and it is judged again,
     * now seeing the other's verdict.
     *
     * With {@code firstSight} (the records were judged without asking what the database holds of them) a record
     * found there already throws {@link SeenBefore}.
     *
     * @return the verdicts stored for the first time: only these may be counted, since the same occurrence can be
     *         judged again after its first verdict committed (a Kafka transaction that aborted, or a partition that
     *         moved to another consumer while a poll was being retried)
     */
    Set<RecordValidation.Verdict> record(String dataset, List<RecordValidation.Verdict> verdicts, Instant checkedAt,
            boolean firstSight) {
        Set<RecordValidation.Verdict> fresh = Collections.newSetFromMap(new IdentityHashMap<>());
        List<RecordValidation.Verdict> accepted = new ArrayList<>();
        List<RecordValidation.Verdict> keyed = new ArrayList<>();
        List<RecordValidation.Verdict> quarantined = new ArrayList<>();
        for (RecordValidation.Verdict verdict : verdicts) {
            if (verdict.valid()) {
                accepted.add(verdict);
                if (verdict.entityKey() != null) {
                    keyed.add(verdict);
                }
            }
            else {
                quarantined.add(verdict);
            }
        }
        if (!accepted.isEmpty()) {
            // in one order, so that two consumers inserting overlapping ids wait for each other instead of deadlocking
            accepted.sort((a, b) -> a.record().recordId().compareTo(b.record().recordId()));
            int n = accepted.size();
            UUID[] ids = new UUID[n];
            UUID[] batches = new UUID[n];
            Long[] rows = new Long[n];
            Integer[] partitions = new Integer[n];
            Long[] offsets = new Long[n];
            for (int i = 0; i < n; i++) {
                RecordValidation.Verdict verdict = accepted.get(i);
                ids[i] = verdict.record().recordId();
                batches[i] = verdict.record().batchId();
                rows[i] = verdict.record().row();
                partitions[i] = verdict.partition();
                offsets[i] = verdict.offset();
            }
            String insert = """
                    insert into accepted_record
                        (dataset, record_id, batch_id, row_number, source_partition, source_offset)
                    select ?, * from unnest(?, ?, ?, ?, ?) on conflict do nothing""";
            if (firstSight) {
                // every record new, or the poll is judged again: how many were inserted says which, without
                // returning each id
                Integer inserted = batch.execute((java.sql.Connection con) -> {
                    try (var statement = con.prepareStatement(insert)) {
                        bindAccepted(con, statement, dataset, ids, batches, rows, partitions, offsets);
                        return statement.executeUpdate();
                    }
                });
                if (inserted == null || inserted != n) {
                    throw new SeenBefore();
                }
                fresh.addAll(accepted);
            }
            else {
                Set<UUID> inserted = new HashSet<>();
                batch.query(con -> {
                    var statement = con.prepareStatement(insert + " returning record_id");
                    bindAccepted(con, statement, dataset, ids, batches, rows, partitions, offsets);
                    return statement;
                }, rs -> {
                    inserted.add(rs.getObject(1, UUID.class));
                });
                for (RecordValidation.Verdict verdict : accepted) {
                    if (inserted.contains(verdict.record().recordId())) {
                        fresh.add(verdict);
                    }
                    else if (!verdict.redelivered()) {
                        throw new ConcurrentlyAccepted("record " + verdict.record().recordId() + " of dataset '"
                                + dataset + "' was accepted by another consumer while this poll was judged");
                    }
                }
            }
        }
        if (!keyed.isEmpty()) {
            keyed.sort(java.util.Comparator.comparing(RecordValidation.Verdict::entityKey));
            Map<String, UUID> owners = new HashMap<>();
            batch.query(con -> {
                var statement = con.prepareStatement("""
                        insert into entity_key (dataset, key, record_id) select ?, * from unnest(?, ?)
                        on conflict do nothing returning key, record_id""");
                statement.setString(1, dataset);
                statement.setArray(2, con.createArrayOf("text", keyed.stream().map(RecordValidation.Verdict::entityKey).toArray()));
                statement.setArray(3, con.createArrayOf("uuid", keyed.stream().map(v -> v.record().recordId()).toArray()));
                return statement;
            }, rs -> {
                owners.put(rs.getString(1), rs.getObject(2, UUID.class));
            });
            for (RecordValidation.Verdict verdict : keyed) {
                if (firstSight && !verdict.record().recordId().equals(owners.get(verdict.entityKey()))) {
                    throw new SeenBefore();
                }
                if (!verdict.redelivered() && !verdict.record().recordId().equals(owners.get(verdict.entityKey()))) {
                    throw new ConcurrentlyAccepted(verdict.entityKey() + " of dataset '" + dataset
                            + "' was taken by another consumer while this poll was judged");
                }
            }
        }
        if (!quarantined.isEmpty()) {
            Timestamp at = Timestamp.from(checkedAt);
            Set<String> inserted = new HashSet<>();
            batch.query(con -> {
                var statement = con.prepareStatement("""
                        insert into validation_outcome (batch_id, row_number, record_id, dataset, valid, violations,
                            values, checked_at, source_partition, source_offset)
                        select b, r, id, ?, false, cast(v as jsonb), cast(x as jsonb), ?, p, o
                        from unnest(?, ?, ?, ?, ?, ?, ?) as q(b, r, id, v, x, p, o) on conflict do nothing
                        returning batch_id, row_number""");
                statement.setString(1, dataset);
                statement.setTimestamp(2, at);
                statement.setArray(3, con.createArrayOf("uuid", quarantined.stream().map(v -> v.record().batchId()).toArray()));
                statement.setArray(4, con.createArrayOf("bigint", quarantined.stream().map(v -> v.record().row()).toArray()));
                statement.setArray(5, con.createArrayOf("uuid", quarantined.stream().map(v -> v.record().recordId()).toArray()));
                statement.setArray(6, con.createArrayOf("text", quarantined.stream()
                        .map(v -> json.writeValueAsString(v.violations())).toArray()));
                statement.setArray(7, con.createArrayOf("text", quarantined.stream()
                        .map(v -> json.writeValueAsString(v.record().values())).toArray()));
                statement.setArray(8, con.createArrayOf("integer", quarantined.stream().map(RecordValidation.Verdict::partition).toArray()));
                statement.setArray(9, con.createArrayOf("bigint", quarantined.stream().map(RecordValidation.Verdict::offset).toArray()));
                return statement;
            }, rs -> {
                inserted.add(rs.getObject(1, UUID.class) + "/" + rs.getLong(2));
            });
            for (RecordValidation.Verdict verdict : quarantined) {
                if (inserted.contains(verdict.record().batchId() + "/" + verdict.record().row())) {
                    fresh.add(verdict);
                }
                else if (firstSight) {
                    throw new SeenBefore();
                }
            }
        }
        return fresh;
    }

    /**
     * Records judged as seen for the first time were not: the database already holds one of their ids, entity keys
     * or occurrences. Judge them again knowing what it holds.
     */
    static final class SeenBefore extends RuntimeException {

        SeenBefore() {
            super("a record judged as seen for the first time was seen before", null, false, false);
        }
    }

    private static void bindAccepted(java.sql.Connection con, java.sql.PreparedStatement statement, String dataset,
            UUID[] ids, UUID[] batches, Long[] rows, Integer[] partitions, Long[] offsets) throws java.sql.SQLException {
        statement.setString(1, dataset);
        statement.setArray(2, con.createArrayOf("uuid", ids));
        statement.setArray(3, con.createArrayOf("uuid", batches));
        statement.setArray(4, con.createArrayOf("bigint", rows));
        statement.setArray(5, con.createArrayOf("integer", partitions));
        statement.setArray(6, con.createArrayOf("bigint", offsets));
    }

    /** Another consumer accepted a record or took an entity key that this poll judged free; judge the poll again. */
    static final class ConcurrentlyAccepted extends RuntimeException {

        ConcurrentlyAccepted(String message) {
            super(message);
        }
    }
}

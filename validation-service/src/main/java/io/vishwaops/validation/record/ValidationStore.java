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
 * What validation remembers: the records each dataset accepted (so a duplicate is refused; held by
 * {@link AcceptedRecords}), the entity keys they hold (so a key stays unique) and the quarantined records with their
 * reasons (to browse and replay). Read and written a poll at a time, with one statement per table.
 */
@Component
class ValidationStore {

    /** A record occurrence: its batch and row. */
    record Place(UUID batchId, long row) {
    }

    /** Where a record occurrence was judged, and where it was read from. */
    record Occurrence(UUID batchId, long row, int partition, long offset) {

        boolean readAt(Delivery<RecordIngested> delivery) {
            return partition == delivery.partition() && offset == delivery.offset();
        }
    }

    private final JdbcTemplate batch;
    private final AcceptedRecords acceptedRecords;
    private final JsonMapper json;

    ValidationStore(JdbcTemplate batch, AcceptedRecords acceptedRecords, JsonMapper json) {
        this.batch = batch;
        this.acceptedRecords = acceptedRecords;
        this.json = json;
    }

    /** The records among {@code recordIds} that {@code dataset} accepted before, and where. */
    Map<UUID, Occurrence> accepted(String dataset, List<UUID> recordIds) {
        Map<UUID, Occurrence> found = new HashMap<>();
        acceptedRecords.find(dataset, recordIds).forEach((id, at) -> found.put(id,
                new Occurrence(at.batchId(), at.row(), at.partition(), at.offset())));
        return found;
    }

    /** The occurrences among {@code deliveries} that were quarantined before, by batch and row. */
    Map<Place, Occurrence> quarantined(List<Delivery<RecordIngested>> deliveries) {
        Map<Place, Occurrence> found = new HashMap<>();
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
            found.put(new Place(occurrence.batchId(), occurrence.row()), occurrence);
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
     * takes one statement over arrays (one round trip, one plan), the accepted records one block. A record judged
     * new that another consumer accepted in the meantime (the same record id or entity key on another partition,
     * committed between this poll's reads and writes) throws {@link ConcurrentlyAccepted}: the poll's transactions
     * roll back and it is judged again, now seeing the other's verdict.
     *
     * With {@code firstSight} (the records were judged without asking the database for their entity keys and
     * quarantined occurrences) a record found there already, or accepted meanwhile, throws {@link SeenBefore}.
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
            Set<Place> inserted = new HashSet<>();
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
                inserted.add(new Place(rs.getObject(1, UUID.class), rs.getLong(2)));
            });
            for (RecordValidation.Verdict verdict : quarantined) {
                if (inserted.contains(new Place(verdict.record().batchId(), verdict.record().row()))) {
                    fresh.add(verdict);
                }
                else if (firstSight) {
                    throw new SeenBefore();
                }
            }
        }
        // last, just before the transaction ends: storing them takes the dataset's lock until then
        List<AcceptedRecords.Accepted> added = new ArrayList<>();
        for (RecordValidation.Verdict verdict : accepted) {
            // a redelivered occurrence was stored when it was first judged
            if (!verdict.redelivered()) {
                added.add(new AcceptedRecords.Accepted(verdict.record().recordId(), verdict.record().batchId(),
                        verdict.record().row(), verdict.partition(), verdict.offset()));
                fresh.add(verdict);
            }
        }
        List<UUID> taken = acceptedRecords.store(dataset, added);
        if (!taken.isEmpty()) {
            if (firstSight) {
                throw new SeenBefore();
            }
            throw new ConcurrentlyAccepted("record " + taken.getFirst() + " of dataset '" + dataset
                    + "' was accepted by another consumer while this poll was judged");
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

    /** Another consumer accepted a record or took an entity key that this poll judged free; judge the poll again. */
    static final class ConcurrentlyAccepted extends RuntimeException {

        ConcurrentlyAccepted(String message) {
            super(message);
        }
    }
}

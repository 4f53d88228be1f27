package io.vishwaops.validation.batch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.contracts.records.QuarantineReleased;
import io.vishwaops.contracts.records.RecordValidated;
import io.vishwaops.contracts.records.Violation;
import io.vishwaops.messaging.Events;
import io.vishwaops.problems.Conflict;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.problems.NotFound;
import io.vishwaops.validation.record.AcceptedRecords;
import io.vishwaops.validation.record.RecordChecker;
import io.vishwaops.validation.schema.DatasetSchemas;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Judges a batch's quarantined records again, against the dataset's newest schema: those that pass now (and are
 * neither a duplicate nor a second holder of an entity key) go on to {@code vops.records.validated} and leave the
 * quarantine; the others stay, with their new reasons. A {@code quarantine.released} event moves the batch's
 * counts. A ragged row stays quarantined: its values cannot be trusted whatever the schema says.
 */
@Service
public class QuarantineReplay {

    private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
    };
    private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final AcceptedRecords acceptedRecords;
    private final DatasetSchemas schemas;
    private final KafkaTemplate<Object, Object> kafka;
    private final Events events;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    QuarantineReplay(JdbcClient jdbc, AcceptedRecords acceptedRecords, DatasetSchemas schemas,
            KafkaTemplate<Object, Object> kafka, Events events, JsonMapper json) {
        this.jdbc = jdbc;
        this.acceptedRecords = acceptedRecords;
        this.schemas = schemas;
        this.kafka = kafka;
        this.events = events;
        this.json = json;
    }

    /** What a replay did. */
    public record Outcome(UUID batchId, String dataset, int schemaVersion, long released, long stillQuarantined) {
    }

    private record Quarantined(long row, UUID recordId, String dataset, Map<String, Object> values,
            List<Violation> violations) {
    }

    /**
     * The database changes commit after the Kafka transaction that announces them: if the database then failed,
     * a second replay would release the same records again (the offline store keeps each record once) rather
     * than lose them.
     */
    @Transactional
    public Outcome replay(UUID batchId, String actor) {
        List<Quarantined> records = jdbc.sql("""
                select row_number, record_id, dataset, values, violations from validation_outcome
                where batch_id = :batchId and not valid order by row_number for update""")
                .param("batchId", batchId)
                .query((rs, n) -> new Quarantined(rs.getLong("row_number"), rs.getObject("record_id", UUID.class),
                        rs.getString("dataset"), json.readValue(rs.getString("values"), VALUES),
                        json.readValue(rs.getString("violations"), VIOLATIONS)))
                .list();
        if (records.isEmpty()) {
            throw new NotFound("quarantine of batch", batchId.toString());
        }
        String dataset = records.getFirst().dataset();
        int version = schemas.latestVersion(dataset);
        if (version == 0) {
            throw new InvalidInput("batchId", "no schema of dataset '" + dataset + "' is known to validation");
        }
        DatasetSchema schema = schemas.get(dataset, version);
        Instant now = clock.instant();
        Map<UUID, AcceptedRecords.Accepted> accepted = new java.util.HashMap<>(acceptedRecords.find(dataset,
                records.stream().map(Quarantined::recordId).distinct().toList()));
        List<RecordValidated> released = new ArrayList<>();
        List<AcceptedRecords.Accepted> releasedIds = new ArrayList<>();
        for (Quarantined record : records) {
            List<Violation> violations = new ArrayList<>();
            if (record.violations().stream().anyMatch(v -> "ragged-row".equals(v.rule()))) {
                continue;
            }
            var checked = RecordChecker.check(schema, record.values());
            violations.addAll(checked.violations());
            String key = violations.isEmpty() ? RecordChecker.entityKey(schema, checked.values()) : null;
            if (violations.isEmpty()) {
                violations.addAll(againstDataset(dataset, record, schema, key, accepted));
            }
            if (violations.isEmpty()) {
                accept(batchId, dataset, record, key);
                var releasedNow = new AcceptedRecords.Accepted(record.recordId(), batchId, record.row(), -1, -1);
                accepted.put(record.recordId(), releasedNow);
                releasedIds.add(releasedNow);
                released.add(new RecordValidated(dataset, record.recordId(), batchId, checked.values(), now, now, version));
            }
            else {
                jdbc.sql("update validation_outcome set violations = cast(:violations as jsonb), checked_at = :now "
                        + "where batch_id = :batchId and row_number = :row")
                        .param("violations", json.writeValueAsString(violations))
                        .param("now", Timestamp.from(now))
                        .param("batchId", batchId)
                        .param("row", record.row())
                        .update();
            }
        }
        List<UUID> taken = acceptedRecords.store(dataset, releasedIds);
        if (!taken.isEmpty()) {
            throw new Conflict("record " + taken.getFirst() + " of dataset '" + dataset
                    + "' was accepted by validation while this replay ran; nothing was released, replay again");
        }
        long still = records.size() - released.size();
        var event = new QuarantineReleased(batchId, dataset, version, released.size(), still, actor, now);
        kafka.executeInTransaction(ops -> {
            released.forEach(r -> ops.send(events.record(events.envelope(dataset, r))));
            ops.send(events.record(events.envelope(dataset, event)));
            return null;
        });
        return new Outcome(batchId, dataset, version, released.size(), still);
    }

    private List<Violation> againstDataset(String dataset, Quarantined record, DatasetSchema schema, String key,
            Map<UUID, AcceptedRecords.Accepted> accepted) {
        List<Violation> violations = new ArrayList<>();
        AcceptedRecords.Accepted before = accepted.get(record.recordId());
        if (before != null) {
            violations.add(new Violation(null, "duplicate", record.recordId().toString(),
                    "the same record was already accepted (batch " + before.batchId() + ", row " + before.row() + ")"));
        }
        if (violations.isEmpty() && key != null) {
            jdbc.sql("select record_id from entity_key where dataset = :dataset and key = :key")
                    .param("dataset", dataset)
                    .param("key", key)
                    .query(UUID.class)
                    .optional()
                    .ifPresent(owner -> violations.add(new Violation(schema.entityKey(), "unique", key,
                            schema.entityKey() + " '" + key + "' already belongs to record " + owner)));
        }
        return violations;
    }

    private void accept(UUID batchId, String dataset, Quarantined record, String key) {
        if (key != null) {
            jdbc.sql("insert into entity_key (dataset, key, record_id) values (:dataset, :key, :id)")
                    .param("dataset", dataset)
                    .param("key", key)
                    .param("id", record.recordId())
                    .update();
        }
        jdbc.sql("delete from validation_outcome where batch_id = :batchId and row_number = :row")
                .param("batchId", batchId)
                .param("row", record.row())
                .update();
    }
}

package io.vishwaops.validation.record;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.contracts.records.RecordQuarantined;
import io.vishwaops.contracts.records.RecordValidated;
import io.vishwaops.contracts.records.Violation;
import io.vishwaops.messaging.Inbox;
import io.vishwaops.messaging.Outbox;
import io.vishwaops.validation.schema.DatasetSchemas;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Decides, for every ingested record, whether it may become features: checked against its dataset's schema
 * (types, not-null, ranges, allowed values, patterns), then against what the dataset already holds (the same
 * record accepted before, another record with the same entity key). The verdict is stored and the record goes
 * on to {@code vops.records.validated} with its values coerced, or to {@code vops.records.quarantined} with
 * every reason, in the same transaction. Records of one dataset share a partition, so they are checked one
 * after another and the uniqueness checks need no locks.
 */
@Service
public class RecordValidation {

    static final String CONSUMER = "validation.records";

    private final Inbox inbox;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final DatasetSchemas schemas;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    RecordValidation(Inbox inbox, Outbox outbox, JdbcClient jdbc, DatasetSchemas schemas, JsonMapper json) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.schemas = schemas;
        this.json = json;
    }

    /** @return whether the record was handled now (false when it had been handled before) */
    public boolean validate(EventEnvelope<RecordIngested> event) {
        RecordIngested record = event.data();
        DatasetSchema schema = schemas.get(record.dataset(), record.schemaVersion());
        return inbox.once(CONSUMER, event.eventId(), () -> {
            Instant now = clock.instant();
            List<Violation> violations = new ArrayList<>(record.problems());
            Map<String, Object> values = record.values();
            if (violations.isEmpty()) {
                RecordChecker.Result checked = RecordChecker.check(schema, record.values());
                values = checked.values();
                violations.addAll(checked.violations());
            }
            String entityKey = violations.isEmpty() ? entityKey(schema, values) : null;
            if (violations.isEmpty()) {
                violations.addAll(againstDataset(record, schema, entityKey));
            }
            boolean valid = violations.isEmpty();
            int fresh = jdbc.sql("""
                    insert into validation_outcome
                        (batch_id, row_number, record_id, dataset, valid, violations, values, checked_at)
                    values (:batchId, :row, :recordId, :dataset, :valid, cast(:violations as jsonb),
                            cast(:values as jsonb), :checkedAt)
                    on conflict do nothing""")
                    .param("batchId", record.batchId())
                    .param("row", record.row())
                    .param("recordId", record.recordId())
                    .param("dataset", record.dataset())
                    .param("valid", valid)
                    .param("violations", json.writeValueAsString(violations))
                    .param("values", json.writeValueAsString(record.values()))
                    .param("checkedAt", Timestamp.from(now))
                    .update();
            if (fresh == 0) {
                return;
            }
            if (valid) {
                accept(record, entityKey);
                outbox.append(record.dataset(), new RecordValidated(record.dataset(), record.recordId(),
                        record.batchId(), values, record.receivedAt(), now, record.schemaVersion()));
            }
            else {
                outbox.append(record.dataset(), new RecordQuarantined(record.dataset(), record.recordId(),
                        record.batchId(), record.values(), violations, now));
            }
        });
    }

    private List<Violation> againstDataset(RecordIngested record, DatasetSchema schema, String entityKey) {
        List<Violation> violations = new ArrayList<>();
        jdbc.sql("select batch_id, row_number from accepted_record where dataset = :dataset and record_id = :id")
                .param("dataset", record.dataset())
                .param("id", record.recordId())
                .query((rs, n) -> new Violation(null, "duplicate", record.recordId().toString(),
                        "the same record was already accepted (batch " + rs.getObject("batch_id") + ", row "
                                + rs.getLong("row_number") + ")"))
                .optional()
                .ifPresent(violations::add);
        if (violations.isEmpty() && entityKey != null) {
            jdbc.sql("select record_id from entity_key where dataset = :dataset and key = :key")
                    .param("dataset", record.dataset())
                    .param("key", entityKey)
                    .query(UUID.class)
                    .optional()
                    .filter(other -> !other.equals(record.recordId()))
                    .ifPresent(other -> violations.add(new Violation(schema.entityKey(), "unique", entityKey,
                            schema.entityKey() + " '" + entityKey + "' already belongs to record " + other)));
        }
        return violations;
    }

    private void accept(RecordIngested record, String entityKey) {
        jdbc.sql("""
                insert into accepted_record (dataset, record_id, batch_id, row_number)
                values (:dataset, :id, :batchId, :row) on conflict do nothing""")
                .param("dataset", record.dataset())
                .param("id", record.recordId())
                .param("batchId", record.batchId())
                .param("row", record.row())
                .update();
        if (entityKey != null) {
            jdbc.sql("insert into entity_key (dataset, key, record_id) values (:dataset, :key, :id) on conflict do nothing")
                    .param("dataset", record.dataset())
                    .param("key", entityKey)
                    .param("id", record.recordId())
                    .update();
        }
    }

    /** The entity key, with the event time when the dataset has one (an entity has one record per moment). */
    private static String entityKey(DatasetSchema schema, Map<String, Object> values) {
        if (schema.entityKey() == null || values.get(schema.entityKey()) == null) {
            return null;
        }
        String key = String.valueOf(values.get(schema.entityKey()));
        return schema.eventTime() == null ? key : key + "@" + values.get(schema.eventTime());
    }
}

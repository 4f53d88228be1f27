package io.vishwaops.validation.record;

import java.time.Clock;
import java.time.Instant;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.contracts.records.RecordValidated;
import io.vishwaops.messaging.Inbox;
import io.vishwaops.messaging.Outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Decides whether an ingested record may become features. Until datasets carry schemas and
 * expectations every record passes; the verdict is recorded either way and the record moves on to
 * {@code vops.records.validated} in the same transaction.
 */
@Service
public class RecordValidation {

    static final String CONSUMER = "validation.records";

    private final Inbox inbox;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    RecordValidation(Inbox inbox, Outbox outbox, JdbcClient jdbc) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    /** @return whether the record was handled now (false when it had been handled before) */
    public boolean validate(EventEnvelope<RecordIngested> event) {
        RecordIngested record = event.data();
        return inbox.once(CONSUMER, event.eventId(), () -> {
            Instant now = clock.instant();
            int fresh = jdbc.sql("""
                    insert into validation_outcome (record_id, dataset, batch_id, valid, checked_at)
                    values (:recordId, :dataset, :batchId, true, :checkedAt)
                    on conflict (record_id) do nothing""")
                    .param("recordId", record.recordId())
                    .param("dataset", record.dataset())
                    .param("batchId", record.batchId())
                    .param("checkedAt", java.sql.Timestamp.from(now))
                    .update();
            if (fresh == 1) {
                outbox.append(record.dataset(), new RecordValidated(record.dataset(), record.recordId(),
                        record.batchId(), record.values(), record.receivedAt(), now, 0));
            }
        });
    }
}

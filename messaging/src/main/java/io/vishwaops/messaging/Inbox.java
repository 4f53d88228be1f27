package io.vishwaops.messaging;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a consumer idempotent: Kafka delivers at least once, so the same event can arrive twice
 * (a redelivery after a crash, a duplicate from an outbox retry). The work runs in one transaction
 * with the row that marks the event as handled.
 */
public class Inbox {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    Inbox(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Runs {@code work} in a transaction unless {@code consumer} already handled {@code eventId}.
     *
     * @return whether the work ran
     */
    public boolean once(String consumer, UUID eventId, Runnable work) {
        Boolean ran = tx.execute(status -> {
            int inserted = jdbc.sql("""
                    insert into processed_event (consumer, event_id) values (:consumer, :eventId)
                    on conflict do nothing""")
                    .param("consumer", consumer)
                    .param("eventId", eventId)
                    .update();
            if (inserted == 0) {
                return false;
            }
            work.run();
            return true;
        });
        return Boolean.TRUE.equals(ran);
    }
}

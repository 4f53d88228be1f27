package io.vishwaops.messaging;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.EventType;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * Where a service records the events it emits. {@link #append} must run inside the transaction of the
 * change the event reports: the event is stored with it and sent by {@link OutboxRelay} only once the
 * transaction commits.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Events events;
    private final Runnable wakeRelay;

    Outbox(JdbcClient jdbc, JsonMapper json, Events events, Runnable wakeRelay) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.wakeRelay = wakeRelay;
    }

    /**
     * Records an event about {@code subject} (also its Kafka key, so events about one subject keep their order).
     *
     * @return the envelope as it will be sent
     */
    public <T extends Record> EventEnvelope<T> append(String subject, T data) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append must run inside the transaction of the change it reports");
        }
        EventType type = Events.typeOf(data);
        EventEnvelope<T> envelope = events.envelope(subject, data);
        jdbc.sql("""
                insert into outbox_event (event_id, topic, message_key, event_type, payload, request_id)
                values (:eventId, :topic, :key, :type, :payload, :requestId)""")
                .param("eventId", envelope.eventId())
                .param("topic", type.topic())
                .param("key", subject)
                .param("type", type.token())
                .param("payload", json.writeValueAsString(envelope))
                .param("requestId", Events.currentRequestId())
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wakeRelay.run();
            }
        });
        return envelope;
    }
}

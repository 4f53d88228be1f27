package io.vishwaops.feature.offline.messaging;

import java.util.ArrayList;
import java.util.List;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.records.RecordValidated;
import io.vishwaops.contracts.records.RecordsValidated;
import io.vishwaops.messaging.DeadLetters;
import io.vishwaops.feature.offline.OfflineStore;
import io.vishwaops.messaging.EventReader;
import io.vishwaops.messaging.PoisonEvent;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Validated records, a poll at a time, into the offline store; what cannot be read is dead-lettered. Validation
 * sends them many to a message ({@code records.validated}); a quarantine replay one to a message
 * ({@code record.validated}).
 * <p>
 * {@code vops.features.consume-validated-records=false} leaves the listener stopped: only the record-path
 * benchmark sets it, to measure ingestion and validation without the feature store sharing the cores.
 */
@Component
class ValidatedRecordsListener {

    private final OfflineStore store;
    private final EventReader reader;
    private final ValidatedChunks chunks;
    private final KafkaTemplate<Object, Object> kafka;

    ValidatedRecordsListener(OfflineStore store, EventReader reader, JsonMapper json, KafkaTemplate<Object, Object> kafka) {
        this.store = store;
        this.reader = reader;
        this.chunks = new ValidatedChunks(json);
        this.kafka = kafka;
    }

    @KafkaListener(id = "features-validated-records", topics = Topics.RECORDS_VALIDATED,
            containerFactory = "vopsBatchFactory", autoStartup = "${vops.features.consume-validated-records:true}")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<OfflineStore.Incoming> validated = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                List<OfflineStore.Incoming> chunk = chunks.read(record.topic(), record.value());
                if (chunk != null) {
                    validated.addAll(chunk);
                    continue;
                }
                EventEnvelope<?> event = reader.read(record.topic(), record.value());
                switch (event.data()) {
                    case RecordsValidated many -> many.records().forEach(one -> validated.add(store.incoming(one)));
                    case RecordValidated one -> validated.add(store.incoming(one));
                    default -> DeadLetters.send(kafka, record, "unexpected event type " + event.type() + " on "
                            + record.topic());
                }
            }
            catch (PoisonEvent ex) {
                DeadLetters.send(kafka, record, ex.getMessage());
            }
        }
        // a message carries up to a thousand records, so a poll after a backlog can carry very many: stored in
        // slices, each its own transaction (storing is idempotent per record, so a slice stored twice is harmless)
        for (int from = 0; from < validated.size(); from += SLICE) {
            store.storeIncoming(validated.subList(from, Math.min(validated.size(), from + SLICE)));
        }
    }

    /** Records stored per statement and transaction. */
    static final int SLICE = 5000;
}

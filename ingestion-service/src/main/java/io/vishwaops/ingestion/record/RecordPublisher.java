package io.vishwaops.ingestion.record;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.records.RecordMessages;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.contracts.records.RecordsIngested;
import io.vishwaops.contracts.records.RecordsReceived;
import io.vishwaops.contracts.records.Violation;
import io.vishwaops.ingestion.IngestionProperties;
import io.vishwaops.ingestion.dataset.DatasetVersion;
import io.vishwaops.messaging.Events;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Puts records on {@code vops.records.ingested}, many to a message ({@code records.ingested}). Records travel in
 * chunks, each one Kafka transaction together with a {@code records.received} event that counts it, so a batch's
 * received count is exactly what reached Kafka, and an upload that fails half-way keeps the chunks already
 * committed. Each record is placed by its entity key when the dataset has one and the record carries it, else by
 * its record id: a dataset's records spread over the partitions of {@code vops.records.ingested} (and validation's
 * consumers), while the records that the duplicate and uniqueness checks compare (the same entity, the same
 * record) share a partition, and each entity's records stay in order.
 */
@Component
public class RecordPublisher {

    /** The reserved field a client puts its own record id in. */
    public static final String CLIENT_ID = RecordIds.CLIENT_ID;

    private final KafkaTemplate<Object, Object> kafka;
    private final Events events;
    private final BatchLedger ledger;
    private final RecordIds ids;
    private final JsonMapper json;
    private final int chunkSize;
    private final Clock clock = Clock.systemUTC();

    RecordPublisher(KafkaTemplate<Object, Object> kafka, Events events, BatchLedger ledger, JsonMapper json,
            IngestionProperties properties) {
        this.kafka = kafka;
        this.events = events;
        this.ledger = ledger;
        this.ids = new RecordIds(json);
        this.json = json;
        this.chunkSize = properties.chunkSize();
    }

    /** A new batch for the dataset at {@code schema}'s version; add records, then {@link Batch#finish()}. */
    public Batch open(DatasetVersion schema, String source) {
        return new Batch(UUID.randomUUID(), schema, source, null);
    }

    /** Records of a batch published inside a transaction that is already running (a Kafka listener's). */
    public Batch within(KafkaOperations<Object, Object> transaction, DatasetVersion schema, String source) {
        return new Batch(UUID.randomUUID(), schema, source, transaction);
    }

    /** One batch being published. Not thread-safe. */
    public final class Batch {

        private final UUID batchId;
        private final String dataset;
        private final int schemaVersion;
        private final String entityKey;
        private final String source;
        private final KafkaOperations<Object, Object> transaction;
        private final Instant receivedAt;
        private final List<ChunkJson.Entry> pending = new ArrayList<>();
        private final List<String> keys = new ArrayList<>();
        /** Each pending record's estimated size, taken when it is added, while its values are in the cache. */
        private final List<Long> sizes = new ArrayList<>();
        private final List<UUID> recordIds = new ArrayList<>();
        /** Writes the batch's chunks, one buffer for all of them: made for the first, sized by its estimate. */
        private ChunkJson writer;
        private long rows;
        private long committed;

        private Batch(UUID batchId, DatasetVersion schema, String source, KafkaOperations<Object, Object> transaction) {
            this.batchId = batchId;
            this.dataset = schema.name();
            this.schemaVersion = schema.version();
            this.entityKey = schema.schema().entityKey();
            this.source = source;
            this.transaction = transaction;
            this.receivedAt = clock.instant();
        }

        public UUID batchId() {
            return batchId;
        }

        /** Adds a record; {@code problems} are what the door already found wrong with it (quarantined downstream). */
        public UUID add(Map<String, ?> sent, List<Violation> problems) {
            return add(new LinkedHashMap<String, Object>(sent), null, problems);
        }

        /**
         * Adds a record read from JSON: {@code values} as parsed (this batch keeps the map), {@code valuesJson} the
         * same values as the JSON text they arrived in, without the client's {@code _id} field, or null when there
         * is no such text; it travels as it is.
         */
        public UUID addJson(Map<String, Object> values, byte[] valuesJson) {
            return add(values, valuesJson, List.of());
        }

        /**
         * Adds a record read from JSON that carries its client id, known only by its values' JSON text (without
         * the {@code _id} field), which travels as it is: nothing else needs its values one by one. {@code entity}
         * is the value of the dataset's entity key, or null.
         */
        public UUID addJson(Object clientId, Object entity, byte[] valuesJson) {
            return add(ids.of(dataset, java.util.Objects.requireNonNull(clientId, "clientId"), Map.of()), entity,
                    Map.of(), valuesJson, List.of());
        }

        private UUID add(Map<String, Object> values, byte[] valuesJson, List<Violation> problems) {
            Object clientId = values.remove(RecordIds.CLIENT_ID);
            return add(ids.of(dataset, clientId, values), entityKey == null ? null : values.get(entityKey), values,
                    valuesJson, problems);
        }

        private UUID add(UUID recordId, Object entity, Map<String, Object> values, byte[] valuesJson,
                List<Violation> problems) {
            pending.add(new ChunkJson.Entry(new RecordIngested(dataset, recordId, batchId, ++rows, schemaVersion,
                    values, problems, receivedAt), valuesJson));
            keys.add(entity != null ? entity.toString() : recordId.toString());
            sizes.add(valuesJson != null ? 240L + valuesJson.length : RecordMessages.estimatedSize(values));
            if (recordIds.size() < 10_000) {
                recordIds.add(recordId);
            }
            if (pending.size() >= chunkSize && transaction == null) {
                publish(false);
            }
            return recordId;
        }

        /** Publishes what is pending as the batch's last chunk. */
        public IngestionReceipt finish() {
            publish(true);
            return new IngestionReceipt(batchId, dataset, source, rows, recordIds, receivedAt);
        }

        /** Records committed to Kafka so far. */
        public long committed() {
            return committed;
        }

        private void publish(boolean last) {
            long firstRow = rows - pending.size() + 1;
            var received = new RecordsReceived(batchId, dataset, source, schemaVersion, firstRow, pending.size(), last,
                    receivedAt);
            if (transaction != null) {
                send(transaction, received);
            }
            else {
                kafka.executeInTransaction(ops -> {
                    send(ops, received);
                    return null;
                });
                // so that the batch can be asked about at once, before its own event comes round
                ledger.received(received);
            }
            committed += pending.size();
            pending.clear();
            keys.clear();
            sizes.clear();
        }

        /**
         * The pending records, many to a message: grouped by the partition their key hashes to (as Kafka's own
         * partitioner would place them one by one), each group in messages filled by the rule of
         * {@link RecordMessages}; then the event that counts them.
         */
        private void send(KafkaOperations<Object, Object> ops, RecordsReceived received) {
            int partitions = ops.partitionsFor(Topics.RECORDS_INGESTED).size();
            Map<Integer, List<ChunkJson.Entry>> byPartition = new LinkedHashMap<>();
            Map<Integer, Long> bytes = new HashMap<>();
            for (int i = 0; i < pending.size(); i++) {
                int partition = Utils.toPositive(Utils.murmur2(keys.get(i).getBytes(StandardCharsets.UTF_8)))
                        % partitions;
                List<ChunkJson.Entry> message = byPartition.computeIfAbsent(partition, p -> new ArrayList<>());
                long size = bytes.merge(partition, sizes.get(i), Long::sum);
                message.add(pending.get(i));
                if (RecordMessages.full(message.size(), size)) {
                    sendChunk(ops, partition, message, size);
                    byPartition.remove(partition);
                    bytes.remove(partition);
                }
            }
            byPartition.forEach((partition, message) -> sendChunk(ops, partition, message, bytes.get(partition)));
            ops.send(events.record(events.envelope(dataset, received)));
        }

        /** One {@code records.ingested} message, written by {@link ChunkJson}: the values the door kept are copied. */
        private void sendChunk(KafkaOperations<Object, Object> ops, int partition, List<ChunkJson.Entry> records,
                long estimated) {
            EventEnvelope<RecordsIngested> envelope = events.envelope(dataset, new RecordsIngested(dataset, List.of()));
            ProducerRecord<Object, Object> message = events.record(envelope);
            if (writer == null) {
                writer = new ChunkJson(json, (int) Math.min(2L * RecordMessages.MAX_BYTES, estimated + estimated / 4 + 1024));
            }
            ops.send(new ProducerRecord<>(message.topic(), partition, dataset,
                    writer.write(envelope, dataset, records), message.headers()));
        }
    }
}

package io.vishwaops.validation.record;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.contracts.records.RecordMessages;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.contracts.records.RecordQuarantined;
import io.vishwaops.contracts.records.RecordValidated;
import io.vishwaops.contracts.records.RecordsValidated;
import io.vishwaops.contracts.records.RecordsChecked;
import io.vishwaops.contracts.records.Violation;
import io.vishwaops.messaging.EventReader.Delivery;
import io.vishwaops.messaging.Events;
import io.vishwaops.messaging.Outbox;
import io.vishwaops.validation.report.BatchProfiles;
import io.vishwaops.validation.schema.DatasetSchemas;

import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

import tools.jackson.databind.json.JsonMapper;

/**
 * Decides, for a poll's worth of ingested records, which may become features: each checked against its
 * dataset's schema (types, not-null, ranges, allowed values, patterns), then against what the dataset already
 * holds (the same record accepted before, another record with the same entity key). Valid records go on to
 * {@code vops.records.validated} with their values coerced, many to a message, the others to
 * {@code vops.records.quarantined} with every reason, in the caller's Kafka transaction. Ingestion keys records by
 * entity key (else record id), so the records these checks compare share a partition and consumers of different
 * partitions run concurrently; should two consumers still accept the same record or entity key at once, the
 * database's keys catch it and the later poll is judged again.
 * <p>
 * The batch's counts ({@code records.checked}) go through the outbox, in the database transaction that stores the
 * verdicts, and count only the verdicts stored for the first time. A record occurrence can be judged more than
 * once: after a Kafka transaction aborted (its verdicts must be sent again), and when a failed poll is retried
 * while a rebalance moves its partitions to another consumer, which reads them again from the last committed
 * offset while the retry goes on and commits as well. Its verdict then reaches the topics twice (consumers keep a
 * record once, by its id), but the batch counts it once.
 */
@Service
public class RecordValidation {

    private final DatasetSchemas schemas;
    private final ValidationStore store;
    private final BatchProfiles profiles;
    private final Events events;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();
    /** Each consumer thread writes its messages in a buffer of its own, kept from message to message. */
    private final ThreadLocal<ValidatedJson> writers;

    RecordValidation(DatasetSchemas schemas, ValidationStore store, BatchProfiles profiles, Events events,
            Outbox outbox, JsonMapper json) {
        this.schemas = schemas;
        this.store = store;
        this.profiles = profiles;
        this.events = events;
        this.outbox = outbox;
        this.json = json;
        this.writers = ThreadLocal.withInitial(() -> new ValidatedJson(json, (int) (RecordMessages.MAX_BYTES * 5 / 4)));
    }

    /**
     * Judges {@code deliveries} and stores the verdicts, with the batch counts in the outbox, in one database
     * transaction; returns the verdicts to send. The caller sends them in its Kafka transaction only after this
     * returned, that is after the database committed: a poll that fails is retried inside the same Kafka
     * transaction, which must not hold the sends of a failed attempt. Storing is idempotent per record occurrence,
     * so a Kafka transaction that aborts and is redelivered judges the same records the same way and sends them
     * again, without counting them again.
     */
    @Transactional
    public List<ProducerRecord<Object, Object>> validate(List<Delivery<RecordIngested>> deliveries) {
        Instant now = clock.instant();
        // each dataset's accepted records are stored under its lock, held to the end: taken in one order
        Map<String, List<Delivery<RecordIngested>>> byDataset = new TreeMap<>(Comparator
                .comparingInt(AcceptedRecords::lockKey).thenComparing(Comparator.naturalOrder()));
        deliveries.forEach(d -> byDataset.computeIfAbsent(d.event().data().dataset(), x -> new ArrayList<>()).add(d));
        Map<UUID, Tally> tallies = new LinkedHashMap<>();
        List<ProducerRecord<Object, Object>> out = new ArrayList<>(deliveries.size());
        for (var dataset : byDataset.entrySet()) {
            validate(dataset.getKey(), dataset.getValue(), now, out, tallies);
        }
        tallies.values().stream().filter(t -> t.valid + t.quarantined > 0).forEach(t -> outbox.append(t.dataset,
                new RecordsChecked(t.batchId, t.dataset, t.valid, t.quarantined, t.violations, now)));
        return out;
    }

    private void validate(String dataset, List<Delivery<RecordIngested>> deliveries,
            Instant now, List<ProducerRecord<Object, Object>> out,
            Map<UUID, Tally> tallies) {
        TransactionStatus transaction = TransactionAspectSupport.currentTransactionStatus();
        Object savepoint = transaction.createSavepoint();
        Judged judged;
        try {
            judged = judge(dataset, deliveries, now, true);
        }
        catch (ValidationStore.SeenBefore ex) {
            transaction.rollbackToSavepoint(savepoint);
            judged = judge(dataset, deliveries, now, false);
        }
        transaction.releaseSavepoint(savepoint);
        List<Verdict> verdicts = judged.verdicts();
        Set<Verdict> fresh = judged.fresh();
        Map<Integer, DatasetSchema> versions = judged.versions();
        Map<List<Object>, BatchProfiles.PartProfile> speculative = judged.speculative();
        for (Verdict verdict : verdicts) {
            if (fresh.contains(verdict)) {
                tallies.computeIfAbsent(verdict.record().batchId(), id -> new Tally(id, dataset))
                        .count(verdict.violations());
            }
        }
        profile(dataset, verdicts.stream().filter(fresh::contains).toList(), speculative);
        Map<Integer, Chunk> chunks = new LinkedHashMap<>();
        for (Verdict verdict : verdicts) {
            RecordIngested record = verdict.record();
            if (verdict.valid()) {
                Chunk chunk = chunks.computeIfAbsent(verdict.partition(), p -> new Chunk());
                if (chunk.full()) {
                    out.add(chunk.message(dataset, verdict.partition()));
                    chunk = new Chunk();
                    chunks.put(verdict.partition(), chunk);
                }
                chunk.add(new RecordValidated(dataset, record.recordId(), record.batchId(), verdict.values(),
                        record.receivedAt(), now, record.schemaVersion()), verdict.size(), verdict.text());
                continue;
            }
            var refused = new RecordQuarantined(dataset, record.recordId(), record.batchId(), record.values(),
                    verdict.violations(), now);
            ProducerRecord<Object, Object> sent = events.record(events.envelope(dataset, refused));
            out.add(new ProducerRecord<>(sent.topic(), null, key(versions.get(record.schemaVersion()), record),
                    sent.value(), sent.headers()));
        }
        chunks.forEach((partition, chunk) -> out.add(chunk.message(dataset, partition)));
    }

    /** A dataset's verdicts in a poll, those stored for the first time, and what judging them found on the way. */
    private record Judged(List<Verdict> verdicts, Set<Verdict> fresh, Map<Integer, DatasetSchema> versions,
            Map<List<Object>, BatchProfiles.PartProfile> speculative) {
    }

    /**
     * Judges a dataset's records of a poll and stores the verdicts. The records the dataset accepted before are
     * known from memory ({@link AcceptedRecords}). {@code firstSight} judges the records' entity keys and
     * occurrences as seen for the first time, without asking the database what it holds of them (the usual case,
     * and two statements fewer per poll): should storing find any of them there already (an entity key taken, an
     * occurrence judged before, an id another consumer accepted meanwhile), it throws
     * {@link ValidationStore.SeenBefore}, and the caller rolls back what this stored and judges them again knowing
     * what the database holds.
     */
    private Judged judge(String dataset, List<Delivery<RecordIngested>> deliveries,
            Instant now, boolean firstSight) {
        // from memory: a record accepted before is known without asking the database
        Map<UUID, ValidationStore.Occurrence> accepted = store.accepted(dataset,
                deliveries.stream().map(d -> d.event().data().recordId()).distinct().toList());
        Map<ValidationStore.Place, ValidationStore.Occurrence> quarantined = firstSight ? Map.of()
                : store.quarantined(deliveries);
        List<Delivery<RecordIngested>> records = new ArrayList<>(deliveries.size());
        Set<ValidationStore.Place> occurrences = new HashSet<>();
        for (Delivery<RecordIngested> delivery : deliveries) {
            RecordIngested record = delivery.event().data();
            // the same occurrence twice in one poll: the same message twice, judged once
            ValidationStore.Place place = new ValidationStore.Place(record.batchId(), record.row());
            if (!occurrences.add(place)) {
                continue;
            }
            ValidationStore.Occurrence before = quarantined.get(place);
            ValidationStore.Occurrence valid = accepted.get(record.recordId());
            if (before == null && valid != null && valid.batchId().equals(record.batchId()) && valid.row() == record.row()) {
                before = valid;
            }
            // judged before from another place in the log: the same message twice, not a redelivery
            if (before == null || before.readAt(delivery)) {
                records.add(delivery);
            }
        }
        List<Verdict> verdicts = new ArrayList<>(records.size());
        Map<String, UUID> keysInPoll = new HashMap<>();
        Map<Integer, DatasetSchema> versions = new HashMap<>();
        Map<Integer, Columns> byVersion = new HashMap<>();
        Map<UUID, RecordIngested> idsInPoll = new HashMap<>();
        List<Checked> checked = new ArrayList<>(records.size());
        Map<List<Object>, BatchProfiles.PartProfile> speculative = new HashMap<>();
        for (Delivery<RecordIngested> delivery : records) {
            RecordIngested record = delivery.event().data();
            Columns columns = byVersion.computeIfAbsent(record.schemaVersion(), v -> schemas.columns(dataset, v));
            DatasetSchema schema = columns.schema();
            versions.putIfAbsent(record.schemaVersion(), schema);
            List<Violation> violations = new ArrayList<>(record.problems());
            Map<String, Object> values = record.values();
            ValuesJson text = null;
            if (violations.isEmpty()) {
                RecordChecker.Result result = RecordChecker.check(columns, Row.of(columns, record.values()));
                values = result.values();
                violations.addAll(result.violations());
                // a record read into a row carries the JSON text its values came in
                text = result.asSent() && record.values() instanceof Row row ? row.text() : null;
            }
            if (violations.isEmpty()) {
                // profiled now, while its values are in the cache; should it turn out a duplicate or judged before,
                // its part is built again from the verdicts
                speculative.computeIfAbsent(List.of(record.batchId(), delivery.partition()),
                        k -> new BatchProfiles.PartProfile(schema)).add(record.recordId(), values);
            }
            // sized now too, while the values are in the cache: the size only matters to chunk the valid ones
            checked.add(new Checked(delivery, schema, values, violations,
                    violations.isEmpty() ? RecordChecker.entityKey(schema, values) : null,
                    !violations.isEmpty() ? 0 : text != null ? 240L + text.to() - text.from()
                            : RecordMessages.estimatedSize(values), text));
        }
        Map<String, UUID> owners = firstSight ? Map.of() : store.entityKeyOwners(dataset,
                checked.stream().map(Checked::entityKey).filter(java.util.Objects::nonNull).toList());
        for (Checked c : checked) {
            RecordIngested record = c.delivery.event().data();
            List<Violation> violations = c.violations;
            ValidationStore.Occurrence before = accepted.get(record.recordId());
            boolean redelivered = before != null && before.batchId().equals(record.batchId())
                    && before.row() == record.row();
            if (violations.isEmpty()) {
                // accepted before, or earlier in this poll (another batch, or the same one): say which and where
                boolean acceptedBefore = before != null && !redelivered;
                RecordIngested earlier = acceptedBefore ? null : idsInPoll.putIfAbsent(record.recordId(), record);
                if (acceptedBefore || earlier != null) {
                    violations.add(new Violation(null, "duplicate", record.recordId().toString(),
                            "the same record was already accepted (batch "
                                    + (acceptedBefore ? before.batchId() + ", row " + before.row()
                                            : earlier.batchId() + ", row " + earlier.row()) + ")"));
                }
            }
            if (violations.isEmpty() && c.entityKey != null) {
                UUID owner = keysInPoll.getOrDefault(c.entityKey, owners.get(c.entityKey));
                if (owner != null && !owner.equals(record.recordId())) {
                    violations.add(new Violation(c.schema.entityKey(), "unique", c.entityKey,
                            c.schema.entityKey() + " '" + c.entityKey + "' already belongs to record " + owner));
                }
                else {
                    keysInPoll.put(c.entityKey, record.recordId());
                }
            }
            verdicts.add(new Verdict(record, c.values, violations, c.entityKey, redelivered, c.delivery.partition(),
                    c.delivery.offset(), c.size, c.text));
        }
        return new Judged(verdicts, store.record(dataset, verdicts, now, firstSight), versions, speculative);
    }

    /**
     * Valid records of one partition of a poll, sent as one {@code records.validated} message, filled by the rule of
     * {@link RecordMessages} (well under Kafka's 1 MB per message).
     * Keyed by dataset and the partition they were read from: ingestion put each entity's records on one partition,
     * so they stay in order downstream.
     */
    private final class Chunk {

        private final List<RecordValidated> records = new ArrayList<>();
        private final List<ValuesJson> texts = new ArrayList<>();
        private long bytes;

        boolean full() {
            return RecordMessages.full(records.size(), bytes);
        }

        void add(RecordValidated record, long size, ValuesJson text) {
            records.add(record);
            texts.add(text);
            bytes += size;
        }

        /** Written by {@link ValidatedJson}: the values of records that passed as they were sent are copied. */
        ProducerRecord<Object, Object> message(String dataset, int partition) {
            EventEnvelope<RecordsValidated> envelope = events.envelope(dataset, new RecordsValidated(dataset, List.of()));
            ProducerRecord<Object, Object> sent = events.record(envelope);
            byte[] value = writers.get().write(envelope, dataset, records, texts);
            return new ProducerRecord<>(sent.topic(), null, dataset + "/" + partition, value, sent.headers());
        }
    }

    /**
     * The Kafka key of a record's verdict, the same as ingestion gives the record: its entity key's value when the
     * dataset has one, else its record id, so that consumers downstream see each entity's records in order while a
     * dataset spreads over partitions.
     */
    static String key(DatasetSchema schema, RecordIngested record) {
        Object entity = schema.entityKey() == null ? null : record.values().get(schema.entityKey());
        return entity != null ? entity.toString() : record.recordId().toString();
    }

    /**
     * One profile part per batch and partition of this poll, of the records that passed, among the verdicts stored
     * for the first time; keyed by the first offset among those, which no other part can share (each verdict is
     * stored once), so a poll judged again adds nothing to the profile. A part profiled while the records were
     * checked is kept when it holds exactly the records that passed; otherwise (a duplicate, a record judged before)
     * it is built again from them.
     */
    private void profile(String dataset, List<Verdict> verdicts,
            Map<List<Object>, BatchProfiles.PartProfile> speculative) {
        Map<List<Object>, List<Verdict>> parts = new LinkedHashMap<>();
        for (Verdict verdict : verdicts) {
            parts.computeIfAbsent(List.of(verdict.record().batchId(), verdict.partition()), k -> new ArrayList<>())
                    .add(verdict);
        }
        parts.forEach((key, part) -> {
            RecordIngested first = part.getFirst().record();
            long firstOffset = part.stream().mapToLong(Verdict::offset).min().orElseThrow();
            DatasetSchema schema = schemas.get(dataset, first.schemaVersion());
            List<Verdict> valid = part.stream().filter(Verdict::valid).toList();
            BatchProfiles.PartProfile profiled = speculative.get(key);
            if (profiled == null || profiled.records() != valid.size()) {
                profiled = new BatchProfiles.PartProfile(schema);
                for (Verdict verdict : valid) {
                    profiled.add(verdict.record().recordId(), verdict.values());
                }
            }
            profiles.store(first.batchId(), dataset, first.schemaVersion(), part.getFirst().partition(), firstOffset,
                    profiled);
        });
    }

    private record Checked(Delivery<RecordIngested> delivery, DatasetSchema schema, Map<String, Object> values,
            List<Violation> violations, String entityKey, long size, ValuesJson text) {
    }

    /**
     * One record's verdict; {@code size} is about how many bytes of JSON its values take (valid records only),
     * {@code text} the values' JSON text when it still stands for them (else null).
     */
    record Verdict(RecordIngested record, Map<String, Object> values, List<Violation> violations, String entityKey,
            boolean redelivered, int partition, long offset, long size, ValuesJson text) {

        boolean valid() {
            return violations.isEmpty();
        }
    }

    private static final class Tally {

        final UUID batchId;
        final String dataset;
        long valid;
        long quarantined;
        final Map<String, Long> violations = new TreeMap<>();

        Tally(UUID batchId, String dataset) {
            this.batchId = batchId;
            this.dataset = dataset;
        }

        void count(List<Violation> found) {
            if (found.isEmpty()) {
                valid++;
                return;
            }
            quarantined++;
            found.forEach(v -> violations.merge(v.rule(), 1L, Long::sum));
        }
    }
}

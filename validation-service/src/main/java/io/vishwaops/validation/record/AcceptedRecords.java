package io.vishwaops.validation.record;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The records each dataset accepted, so that a record met again is refused as a duplicate, or judged again when it
 * is the same occurrence redelivered. PostgreSQL keeps them a block per poll ({@code accepted_block}: for each
 * record its id, batch, row and where it was read); this service keeps every accepted id of a dataset in memory,
 * 8 bytes a slot in an open-addressing table (a fingerprint of the id and the block it is in), loaded when
 * the dataset is first met and brought up to date from the blocks other consumers (and other replicas) wrote. A
 * lookup reads a block only for a fingerprint it finds, to say exactly where the record was accepted: a record
 * judged for the first time costs no database work of its own, where a row and an index entry each used to.
 * <p>
 * Writers of a dataset take a transaction-scoped advisory lock, catch up with the blocks committed since, and
 * only then add their own, so two consumers never accept the same id: see {@link #store}.
 */
@Component
public class AcceptedRecords {

    /** Bytes a record takes in a block: record id, batch id, row, partition, offset. */
    static final int ENTRY = 16 + 16 + 8 + 4 + 8;
    /** The advisory lock's first key: this lock's class, so that its second key, a dataset's hash, is its own. */
    private static final int LOCK_CLASS = 0x76_6f_70_73; // "vops"

    private final JdbcTemplate jdbc;
    private final Map<String, DatasetIds> datasets = new ConcurrentHashMap<>();
    /** Blocks read lately to answer lookups: a redelivered poll meets every record of its own block again. */
    private final Map<Long, ByteBuffer> recentBlocks = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, ByteBuffer> eldest) {
                    return size() > 8;
                }
            });

    AcceptedRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Where an accepted record was judged: its batch and row, and where it was read (-1 for a replay). */
    public record Accepted(UUID recordId, UUID batchId, long row, int partition, long offset) {
    }

    /**
     * The records among {@code recordIds} that {@code dataset} accepted before, by id, as far as this service has
     * seen: its own commits, and what it read from the blocks when it first met the dataset and each time it stored
     * since. {@link #store} reads what others committed meanwhile, under the dataset's lock, and refuses ids taken.
     */
    public Map<UUID, Accepted> find(String dataset, Collection<UUID> recordIds) {
        DatasetIds known = datasets.get(dataset);
        // read from the blocks once; after that storing, which must read them anyway, keeps the ids current
        DatasetIds ids = known != null && known.loaded() ? known : catchUp(dataset);
        Map<Long, List<UUID>> byBlock = new HashMap<>();
        ids.candidates(recordIds, (id, block) -> byBlock.computeIfAbsent(block, b -> new ArrayList<>()).add(id));
        Map<UUID, Accepted> found = new HashMap<>();
        if (byBlock.isEmpty()) {
            return found;
        }
        Map<Long, ByteBuffer> blocks = blocks(byBlock.keySet());
        byBlock.forEach((seq, wanted) -> {
            ByteBuffer block = blocks.get(seq);
            for (UUID id : wanted) {
                Accepted accepted = block == null ? null : entry(block, id);
                if (accepted != null) {
                    found.put(id, accepted);
                }
            }
        });
        return found;
    }

    /**
     * Stores {@code records} as accepted by {@code dataset} in the running transaction, which must go on to commit
     * or roll back soon: it holds the dataset's lock until then. Returns the ids among them that another
     * transaction accepted since this service last looked (a consumer of another partition, a replay, another
     * replica); when there are any, nothing is stored and the caller judges its records again.
     */
    public List<UUID> store(String dataset, List<Accepted> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        lock(dataset);
        DatasetIds ids = catchUp(dataset);
        Set<UUID> candidates = new LinkedHashSet<>();
        ids.candidates(records.stream().map(Accepted::recordId).toList(), (id, block) -> candidates.add(id));
        List<UUID> taken = List.copyOf(candidates);
        if (!taken.isEmpty()) {
            // a fingerprint may be another id's, or a block's that rolled back: only what the blocks confirm counts
            List<UUID> confirmed = List.copyOf(find(dataset, taken).keySet());
            if (!confirmed.isEmpty()) {
                return confirmed;
            }
        }
        ByteBuffer block = ByteBuffer.allocate(records.size() * ENTRY);
        for (Accepted record : records) {
            block.putLong(record.recordId().getMostSignificantBits()).putLong(record.recordId().getLeastSignificantBits())
                    .putLong(record.batchId().getMostSignificantBits()).putLong(record.batchId().getLeastSignificantBits())
                    .putLong(record.row()).putInt(record.partition()).putLong(record.offset());
        }
        byte[] bytes = block.array();
        Long seq = jdbc.queryForObject("insert into accepted_block (dataset, records) values (?, ?) returning seq",
                Long.class, dataset, bytes);
        long[] fingerprints = records.stream().mapToLong(r -> fingerprint(r.recordId())).toArray();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                ids.add(seq, fingerprints);
                recentBlocks.put(seq, ByteBuffer.wrap(bytes));
            }
        });
        return List.of();
    }

    /**
     * The dataset's lock for the rest of the transaction. Datasets are locked in the order of their hash by the
     * callers (a poll's datasets in that order), so two transactions never wait for each other in a circle.
     */
    private void lock(String dataset) {
        jdbc.query("select pg_advisory_xact_lock(?, ?)", rs -> {
        }, LOCK_CLASS, lockKey(dataset));
    }

    /** The order in which a transaction that stores for several datasets must take them. */
    public static int lockKey(String dataset) {
        return dataset.hashCode();
    }

    /** The dataset's ids, with every block committed since they were last brought up to date added. */
    private DatasetIds catchUp(String dataset) {
        DatasetIds ids = datasets.computeIfAbsent(dataset, d -> new DatasetIds());
        synchronized (ids) {
            jdbc.query("select seq, records from accepted_block where dataset = ? and seq > ? order by seq", rs -> {
                long seq = rs.getLong(1);
                ByteBuffer block = ByteBuffer.wrap(rs.getBytes(2));
                long[] fingerprints = new long[block.capacity() / ENTRY];
                for (int i = 0; i < fingerprints.length; i++) {
                    fingerprints[i] = fingerprint(block.getLong(i * ENTRY), block.getLong(i * ENTRY + 8));
                }
                ids.add(seq, fingerprints);
            }, dataset, ids.lastSeq());
            ids.markLoaded();
        }
        return ids;
    }

    private Map<Long, ByteBuffer> blocks(Collection<Long> seqs) {
        Map<Long, ByteBuffer> found = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Long seq : seqs) {
            ByteBuffer block = recentBlocks.get(seq);
            if (block != null) {
                found.put(seq, block);
            }
            else {
                missing.add(seq);
            }
        }
        if (!missing.isEmpty()) {
            jdbc.query(con -> {
                var statement = con.prepareStatement("select seq, records from accepted_block where seq = any(?)");
                statement.setArray(1, con.createArrayOf("bigint", missing.toArray()));
                return statement;
            }, rs -> {
                ByteBuffer block = ByteBuffer.wrap(rs.getBytes(2));
                found.put(rs.getLong(1), block);
                recentBlocks.put(rs.getLong(1), block);
            });
        }
        return found;
    }

    private static Accepted entry(ByteBuffer block, UUID id) {
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        for (int at = 0; at + ENTRY <= block.capacity(); at += ENTRY) {
            if (block.getLong(at) == msb && block.getLong(at + 8) == lsb) {
                return new Accepted(id, new UUID(block.getLong(at + 16), block.getLong(at + 24)),
                        block.getLong(at + 32), block.getInt(at + 40), block.getLong(at + 44));
            }
        }
        return null;
    }

    static long fingerprint(UUID id) {
        return fingerprint(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    /** 64 bits of the id, never 0 (an empty slot); ids derived from content are random, clients' may not be. */
    static long fingerprint(long msb, long lsb) {
        long h = msb * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(lsb * 0xC2B2AE3D27D4EB4FL, 31);
        h ^= h >>> 29;
        return h == 0 ? 1 : h;
    }

    /**
     * One dataset's accepted ids: an open-addressing table of 8-byte slots, each a 40-bit fingerprint of an id and the
     * low 24 bits of its block's number; the dataset's block numbers are kept in order beside it, so a slot names its
     * block exactly while the dataset's blocks span fewer than 2^24 numbers, and names a few candidates after that.
     * Several ids may share a fingerprint (about one lookup in 10^6 per million ids held): all are kept, and a lookup
     * returns each one's blocks, which say which id is which.
     */
    static final class DatasetIds {

        private static final int SEQ_BITS = 24;
        private static final long SEQ_MASK = (1L << SEQ_BITS) - 1;
        private static final long FINGERPRINT_MASK = (1L << (64 - SEQ_BITS)) - 1;

        private long[] slots = new long[1024];
        private long[] seqs = new long[64];
        private int blocks;
        private int size;
        private boolean loaded;

        synchronized boolean loaded() {
            return loaded;
        }

        synchronized void markLoaded() {
            loaded = true;
        }

        synchronized long lastSeq() {
            return blocks == 0 ? 0 : seqs[blocks - 1];
        }

        synchronized int size() {
            return size;
        }

        /** Adds a committed block; a block already added (read back, or added after its commit) is skipped. */
        synchronized void add(long seq, long[] blockFingerprints) {
            if (blocks > 0 && seq <= seqs[blocks - 1]) {
                return;
            }
            if (blocks == seqs.length) {
                seqs = Arrays.copyOf(seqs, blocks * 2);
            }
            seqs[blocks++] = seq;
            for (long fingerprint : blockFingerprints) {
                if ((size + 1) * 4L > slots.length * 3L) {
                    grow();
                }
                put(slot(fingerprint, seq));
                size++;
            }
        }

        /** The blocks holding an id with this fingerprint: usually none, else one. */
        /**
         * Each of {@code ids} with each block that may hold it ({@link #blocks}), given to {@code found}: the ids of a
         * poll looked up under one hold of the lock.
         */
        synchronized void candidates(Collection<UUID> ids, java.util.function.ObjLongConsumer<UUID> found) {
            for (UUID id : ids) {
                List<Long> blocks = probe(fingerprint(id));
                for (int i = 0; i < blocks.size(); i++) {
                    found.accept(id, blocks.get(i));
                }
            }
        }

        synchronized List<Long> blocks(long fingerprint) {
            return probe(fingerprint);
        }

        private List<Long> probe(long fingerprint) {
            long wanted = short40(fingerprint);
            int mask = slots.length - 1;
            List<Long> found = List.of();
            for (int i = mix(wanted) & mask; slots[i] != 0; i = (i + 1) & mask) {
                if (slots[i] >>> SEQ_BITS == wanted) {
                    if (found.isEmpty()) {
                        found = new ArrayList<>(1);
                    }
                    addSeqs(slots[i] & SEQ_MASK, found);
                }
            }
            return found;
        }

        /** The dataset's block numbers whose low bits are {@code low}: one unless its blocks span 2^24 numbers. */
        private void addSeqs(long low, List<Long> found) {
            for (long high = seqs[0] >>> SEQ_BITS; high <= seqs[blocks - 1] >>> SEQ_BITS; high++) {
                long seq = high << SEQ_BITS | low;
                if (Arrays.binarySearch(seqs, 0, blocks, seq) >= 0 && !found.contains(seq)) {
                    found.add(seq);
                }
            }
        }

        private static long slot(long fingerprint, long seq) {
            return short40(fingerprint) << SEQ_BITS | (seq & SEQ_MASK);
        }

        /** 40 bits of the fingerprint, never 0, so that a slot is never 0 (empty). */
        private static long short40(long fingerprint) {
            long short40 = fingerprint & FINGERPRINT_MASK;
            return short40 == 0 ? 1 : short40;
        }

        private void put(long slot) {
            int mask = slots.length - 1;
            int i = mix(slot >>> SEQ_BITS) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = slot;
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            for (long slot : old) {
                if (slot != 0) {
                    put(slot);
                }
            }
        }

        private static int mix(long fingerprint) {
            long h = fingerprint * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}

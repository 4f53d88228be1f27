package io.vishwaops.validation.record;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory table of a dataset's accepted ids: every id found in its block, none lost as the table grows. */
class AcceptedRecordsTests {

    @Test
    void everyIdAddedIsFoundInItsBlockAfterTheTableGrewManyTimes() {
        var ids = new AcceptedRecords.DatasetIds();
        List<UUID> added = new ArrayList<>();
        for (long seq = 1; seq <= 200; seq++) {
            long[] block = new long[500];
            for (int i = 0; i < block.length; i++) {
                added.add(UUID.randomUUID());
                block[i] = AcceptedRecords.fingerprint(added.getLast());
            }
            ids.add(seq, block);
        }
        assertThat(ids.size()).isEqualTo(100_000);
        assertThat(ids.lastSeq()).isEqualTo(200);
        // a slot holds 40 bits of the fingerprint: among 100,000 ids a shared one is possible, and a lookup then
        // names both blocks (the blocks themselves say which id is which)
        long ambiguous = 0;
        for (int i = 0; i < added.size(); i++) {
            List<Long> blocks = ids.blocks(AcceptedRecords.fingerprint(added.get(i)));
            assertThat(blocks).contains(i / 500 + 1L);
            ambiguous += blocks.size() - 1;
        }
        assertThat(ambiguous).isLessThanOrEqualTo(2);
        long strangersFound = new SplittableRandom(7).longs(100_000).filter(x -> !ids.blocks(x).isEmpty()).count();
        assertThat(strangersFound).isLessThanOrEqualTo(2);
    }

    @Test
    void aBlockAddedTwiceIsHeldOnceAndIdsSharingAFingerprintAreAllKept() {
        var ids = new AcceptedRecords.DatasetIds();
        ids.add(5, new long[] {42, 43});
        // read back from the database after its commit had already added it
        ids.add(5, new long[] {42, 43});
        ids.add(3, new long[] {44});
        assertThat(ids.size()).isEqualTo(2);
        assertThat(ids.blocks(44)).isEmpty();
        // two ids with one fingerprint: a lookup names both blocks, and the blocks say which id is which
        ids.add(9, new long[] {42});
        assertThat(ids.blocks(42)).containsExactlyInAnyOrder(5L, 9L);
        assertThat(ids.blocks(43)).containsExactly(5L);
    }

    @Test
    void aSlotNamesEveryBlockItsLowBitsCouldMeanOnceTheBlocksSpanMoreThanTwoToThe24Numbers() {
        var ids = new AcceptedRecords.DatasetIds();
        long far = 5 + (1L << 24);
        ids.add(5, new long[] {42});
        ids.add(6, new long[] {43});
        assertThat(ids.blocks(42)).containsExactly(5L);
        ids.add(far, new long[] {44});
        // block 5 and block 5 + 2^24 share their low bits: both are candidates for 42, the blocks decide
        assertThat(ids.blocks(42)).containsExactlyInAnyOrder(5L, far);
        assertThat(ids.blocks(43)).containsExactly(6L);
        assertThat(ids.blocks(44)).containsExactlyInAnyOrder(5L, far);
    }

    @Test
    void sequentialClientIdsGetDistinctFingerprintsAndAreAllFound() {
        // clients may number their records: ids that differ in a few low bits must not share fingerprints
        var ids = new AcceptedRecords.DatasetIds();
        long[] block = new long[50_000];
        for (int i = 0; i < block.length; i++) {
            block[i] = AcceptedRecords.fingerprint(new UUID(0, i));
        }
        ids.add(1, block);
        for (int i = 0; i < block.length; i++) {
            assertThat(ids.blocks(AcceptedRecords.fingerprint(new UUID(0, i)))).containsExactly(1L);
        }
        assertThat(java.util.Arrays.stream(block).distinct().count()).isEqualTo(block.length);
    }
}

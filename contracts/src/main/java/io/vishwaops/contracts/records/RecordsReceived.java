package io.vishwaops.contracts.records;

import java.time.Instant;
import java.util.UUID;

/**
 * A chunk of an ingestion batch reached {@code vops.records.ingested}: published in the same Kafka transaction
 * as its records, so counting these counts exactly what was received. Keyed by dataset.
 *
 * @param source {@code rest}, {@code csv} or {@code kafka}
 * @param firstRow the row number of the chunk's first record in its batch, from 1
 * @param count how many records the chunk holds
 * @param last whether this is the batch's last chunk (the batch's size is then known)
 */
public record RecordsReceived(UUID batchId, String dataset, String source, int schemaVersion, long firstRow,
        long count, boolean last, Instant receivedAt) {
}

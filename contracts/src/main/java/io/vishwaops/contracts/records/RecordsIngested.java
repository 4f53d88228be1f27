package io.vishwaops.contracts.records;

import java.util.List;

/**
 * Records accepted by ingestion, many in one message: ingestion publishes a chunk of a batch this way, so that
 * transport, headers and the envelope are paid per message rather than per record. Each record is what a
 * {@code record.ingested} event carries; all of them belong on the partition the message is on (ingestion groups
 * them by the partition their entity key, else their record id, hashes to), so the records validation compares
 * still meet on one partition. Validation stays idempotent per record occurrence (batch and row).
 */
public record RecordsIngested(String dataset, List<RecordIngested> records) {
}

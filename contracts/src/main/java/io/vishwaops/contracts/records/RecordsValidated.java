package io.vishwaops.contracts.records;

import java.util.List;

/**
 * Records that passed validation, many in one message: validation writes the valid records of a poll this way, so
 * that transport, headers and the envelope are paid per chunk rather than per record. Each record is what a
 * {@code record.validated} event carries; consumers stay idempotent on each record's id. Keyed by dataset and the
 * partition the records were read from, so each entity's records stay in order.
 */
public record RecordsValidated(String dataset, List<RecordValidated> records) {
}

package io.vishwaops.contracts.records;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A record was accepted by ingestion, as it arrived. Keyed by dataset.
 *
 * @param dataset the dataset name
 * @param recordId the record's id: derived from the client's {@code _id} when it sent one (so re-sending is
 *        idempotent), otherwise from the record's content
 * @param batchId the ingestion batch the record arrived in
 * @param row the record's position in its batch, from 1 (for CSV, the data row number)
 * @param schemaVersion the dataset schema version in force when it arrived
 * @param values column name to value, as the producer sent them (JSON scalars)
 * @param problems what ingestion already found wrong with the record (a ragged CSV row, a field over the size
 *        limit); validation quarantines such records with these reasons. Usually empty.
 * @param receivedAt when ingestion accepted it
 */
public record RecordIngested(String dataset, UUID recordId, UUID batchId, long row, int schemaVersion,
        Map<String, Object> values, List<Violation> problems, Instant receivedAt) {
}

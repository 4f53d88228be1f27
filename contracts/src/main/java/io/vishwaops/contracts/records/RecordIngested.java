package io.vishwaops.contracts.records;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A record was accepted by ingestion, as it arrived. Keyed by dataset.
 *
 * @param dataset the dataset name
 * @param recordId the record's id, unique within the dataset; consumers are idempotent on it
 * @param batchId the ingestion batch the record arrived in
 * @param values column name to value, as the producer sent them (JSON scalars)
 * @param receivedAt when ingestion accepted it
 */
public record RecordIngested(String dataset, UUID recordId, UUID batchId, Map<String, Object> values, Instant receivedAt) {
}

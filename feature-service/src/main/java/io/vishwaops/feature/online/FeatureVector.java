package io.vishwaops.feature.online;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The newest facts about one entity: the values of the record with the latest event time (the latest to arrive when
 * the dataset has no event time), its derived features evaluated over them, and how fresh they are.
 *
 * @param recordId the record the values come from
 * @param eventTime when its facts held, or {@code null} when the dataset has no event time
 * @param updatedAt when the online store took it
 * @param ageMs milliseconds from {@code eventTime} (or {@code updatedAt} when there is none) to the lookup
 * @param values every column of the dataset's schema (in schema order, {@code null} when missing), then its derived
 *        features by name
 * @param freshness per value, the moment it held and its age: the whole vector is one record, so they agree
 */
public record FeatureVector(String dataset, String entityId, UUID recordId, Instant eventTime, Instant updatedAt,
        long ageMs, Map<String, Object> values, Map<String, Freshness> freshness) {

    /** How fresh a value is. */
    public record Freshness(Instant eventTime, Instant updatedAt, long ageMs) {
    }
}

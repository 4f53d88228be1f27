package io.vishwaops.validation.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores and reads the parts of each batch's column profile. */
@Component
public class BatchProfiles {

    static final TypeReference<Map<String, ColumnProfile>> PROFILE = new TypeReference<>() {
    };

    /** A record that passed, with its values as validation coerced them. */
    public record Profiled(UUID recordId, Map<String, Object> values) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    BatchProfiles(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Profiles the valid records of one batch read in one poll from one partition, starting at {@code firstOffset}. */
    public void record(UUID batchId, String dataset, int schemaVersion, int partition, long firstOffset,
            DatasetSchema schema, List<Profiled> records) {
        Map<String, ColumnProfile> profile = new LinkedHashMap<>();
        for (ColumnSpec column : schema.columns()) {
            profile.put(column.name(), new ColumnProfile());
        }
        for (Profiled record : records) {
            long hash = record.recordId().getLeastSignificantBits() ^ record.recordId().getMostSignificantBits();
            profile.forEach((column, p) -> p.add(record.values().get(column), hash));
        }
        profile.values().forEach(ColumnProfile::trim);
        jdbc.sql("""
                insert into batch_profile_part
                    (batch_id, partition_id, first_offset, dataset, schema_version, records, profile)
                values (:batchId, :partition, :firstOffset, :dataset, :version, :records, cast(:profile as jsonb))
                on conflict (batch_id, partition_id, first_offset) do update
                    set records = excluded.records, profile = excluded.profile""")
                .param("batchId", batchId)
                .param("partition", partition)
                .param("firstOffset", firstOffset)
                .param("dataset", dataset)
                .param("version", schemaVersion)
                .param("records", records.size())
                .param("profile", json.writeValueAsString(profile))
                .update();
    }

    /** The merged profile of a batch's valid records so far, with its dataset and schema version. */
    Merged merged(UUID batchId) {
        List<Part> parts = jdbc.sql("select dataset, schema_version, profile from batch_profile_part where batch_id = :id")
                .param("id", batchId)
                .query((rs, n) -> new Part(rs.getString("dataset"), rs.getInt("schema_version"),
                        json.readValue(rs.getString("profile"), PROFILE)))
                .list();
        if (parts.isEmpty()) {
            return null;
        }
        return new Merged(parts.getFirst().dataset(), parts.stream().mapToInt(Part::schemaVersion).max().orElse(0),
                ColumnProfile.mergeAll(parts.stream().map(Part::profile).toList()));
    }

    record Merged(String dataset, int schemaVersion, Map<String, ColumnProfile> columns) {
    }

    private record Part(String dataset, int schemaVersion, Map<String, ColumnProfile> profile) {
    }
}

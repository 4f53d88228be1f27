package io.vishwaops.validation.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.validation.record.Row;

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
        PartProfile part = new PartProfile(schema);
        records.forEach(record -> part.add(record.recordId(), record.values()));
        store(batchId, dataset, schemaVersion, partition, firstOffset, part);
    }

    /** Stores a part built with {@link PartProfile#add}, the same as {@link #record} would from its records. */
    public void store(UUID batchId, String dataset, int schemaVersion, int partition, long firstOffset, PartProfile part) {
        part.columns.values().forEach(ColumnProfile::trim);
        jdbc.sql("""
                insert into batch_profile_part
                    (batch_id, partition_id, first_offset, dataset, schema_version, records, profile_bytes)
                values (:batchId, :partition, :firstOffset, :dataset, :version, :records, :profile)
                on conflict (batch_id, partition_id, first_offset) do update
                    set records = excluded.records, profile = null, profile_bytes = excluded.profile_bytes""")
                .param("batchId", batchId)
                .param("partition", partition)
                .param("firstOffset", firstOffset)
                .param("dataset", dataset)
                .param("version", schemaVersion)
                .param("records", part.records)
                .param("profile", encode(part.columns))
                .update();
    }

    /** A part's column profiles, each written by {@link ColumnProfile#write}, with its column's name first. */
    static byte[] encode(Map<String, ColumnProfile> columns) {
        var bytes = new java.io.ByteArrayOutputStream(64 * 1024);
        try (var out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(ENCODING);
            out.writeInt(columns.size());
            for (Map.Entry<String, ColumnProfile> column : columns.entrySet()) {
                ColumnProfile.writeText(out, column.getKey());
                column.getValue().write(out);
            }
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /** What {@link #encode} wrote. */
    static Map<String, ColumnProfile> decode(byte[] stored) {
        try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(stored))) {
            int encoding = in.readByte();
            if (encoding != ENCODING) {
                throw new IllegalStateException("a profile part in encoding " + encoding + ", newer than this service");
            }
            int columns = in.readInt();
            Map<String, ColumnProfile> profile = LinkedHashMap.newLinkedHashMap(columns);
            for (int i = 0; i < columns; i++) {
                String name = ColumnProfile.readText(in);
                profile.put(name, ColumnProfile.read(in));
            }
            return profile;
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** The version of {@link #encode}'s layout, its first byte. */
    private static final int ENCODING = 1;

    /**
     * A profile part being built a record at a time, so that a record can be profiled as soon as it is checked,
     * while its values are still in the processor's cache.
     */
    public static final class PartProfile {

        private final Map<String, ColumnProfile> columns = new LinkedHashMap<>();
        private final DatasetSchema schema;
        private final String[] names;
        private final ColumnProfile[] profiles;
        private long records;

        public PartProfile(DatasetSchema schema) {
            this.schema = schema;
            names = new String[schema.columns().size()];
            profiles = new ColumnProfile[names.length];
            int i = 0;
            for (ColumnSpec column : schema.columns()) {
                names[i] = column.name();
                profiles[i] = columns.computeIfAbsent(column.name(), c -> new ColumnProfile());
                i++;
            }
        }

        public void add(UUID recordId, Map<String, Object> values) {
            long hash = recordId.getLeastSignificantBits() ^ recordId.getMostSignificantBits();
            if (values instanceof Row row && row.columns().schema() == schema) {
                // held by position in this schema's columns: read without looking names up
                for (int i = 0; i < names.length; i++) {
                    profiles[i].add(row.get(i), hash);
                }
            }
            else {
                for (int i = 0; i < names.length; i++) {
                    profiles[i].add(values.get(names[i]), hash);
                }
            }
            records++;
        }

        public long records() {
            return records;
        }
    }

    /** The merged profile of a batch's valid records so far, with its dataset and schema version. */
    Merged merged(UUID batchId) {
        // parts stored before V4 hold their profile as JSON
        List<Part> parts = jdbc.sql("""
                select dataset, schema_version, profile, profile_bytes from batch_profile_part where batch_id = :id""")
                .param("id", batchId)
                .query((rs, n) -> new Part(rs.getString("dataset"), rs.getInt("schema_version"),
                        rs.getBytes("profile_bytes") != null ? decode(rs.getBytes("profile_bytes"))
                                : json.readValue(rs.getString("profile"), PROFILE)))
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

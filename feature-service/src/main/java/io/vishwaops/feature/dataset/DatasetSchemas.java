package io.vishwaops.feature.dataset;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import io.vishwaops.contracts.datasets.DatasetDefined;
import io.vishwaops.contracts.datasets.DatasetSchema;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every version of every dataset schema, kept from the {@code dataset.defined} events ingestion emits. Versions
 * are immutable, so storing one is idempotent on (dataset, version) and a redelivered event changes nothing.
 */
@Service
public class DatasetSchemas {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DatasetSchemas(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional
    public void defined(DatasetDefined defined) {
        jdbc.sql("""
                insert into dataset_schema (name, version, schema, defined_at)
                values (:name, :version, cast(:schema as jsonb), :definedAt) on conflict do nothing""")
                .param("name", defined.dataset())
                .param("version", defined.version())
                .param("schema", json.writeValueAsString(defined.schema()))
                .param("definedAt", Timestamp.from(defined.definedAt()))
                .update();
    }

    /** The newest version of {@code dataset}'s schema; {@link DatasetNotFound} when no version has arrived. */
    @Transactional(readOnly = true)
    public Versioned current(String dataset) {
        return jdbc.sql("select version, schema from dataset_schema where name = :name order by version desc limit 1")
                .param("name", dataset)
                .query((rs, n) -> new Versioned(rs.getInt("version"),
                        json.readValue(rs.getString("schema"), DatasetSchema.class)))
                .optional()
                .orElseThrow(() -> new DatasetNotFound(dataset));
    }

    @Transactional(readOnly = true)
    public Optional<DatasetSchema> find(String dataset, int version) {
        return jdbc.sql("select schema from dataset_schema where name = :name and version = :version")
                .param("name", dataset)
                .param("version", version)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, DatasetSchema.class));
    }

    @Transactional(readOnly = true)
    public List<Integer> versions(String dataset) {
        return jdbc.sql("select version from dataset_schema where name = :name order by version")
                .param("name", dataset)
                .query(Integer.class)
                .list();
    }

    /** A schema with the version it has. */
    public record Versioned(int version, DatasetSchema schema) {
    }
}

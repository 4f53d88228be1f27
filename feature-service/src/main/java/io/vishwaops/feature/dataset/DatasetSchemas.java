package io.vishwaops.feature.dataset;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.vishwaops.contracts.datasets.DatasetDefined;
import io.vishwaops.contracts.datasets.DatasetSchema;

import org.springframework.context.ApplicationEventPublisher;
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
    private final ApplicationEventPublisher events;
    /** Versions never change, so where a version places records is kept once read. */
    private final ConcurrentMap<String, Placement> placements = new ConcurrentHashMap<>();

    DatasetSchemas(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    /** Keeps a version; {@code true} when it is new here (not a redelivery). */
    @Transactional
    public boolean defined(DatasetDefined defined) {
        int stored = jdbc.sql("""
                insert into dataset_schema (name, version, schema, defined_at)
                values (:name, :version, cast(:schema as jsonb), :definedAt) on conflict do nothing""")
                .param("name", defined.dataset())
                .param("version", defined.version())
                .param("schema", json.writeValueAsString(defined.schema()))
                .param("definedAt", Timestamp.from(defined.definedAt()))
                .update();
        events.publishEvent(new DatasetChanged(defined.dataset()));
        return stored > 0;
    }

    /**
     * Where records validated under {@code version} of {@code dataset} keep their entity key and event time. A record
     * validated before datasets had versions (0), or under a version not yet received, is placed by the newest
     * version there is; {@link Placement#NONE} when there is none yet.
     */
    public Placement placement(String dataset, int version) {
        Placement known = placements.get(dataset + '\u0000' + version);
        if (known != null) {
            return known;
        }
        Optional<DatasetSchema> exact = version > 0 ? find(dataset, version) : Optional.empty();
        if (exact.isPresent()) {
            Placement placement = new Placement(exact.get().entityKey(), exact.get().eventTime());
            placements.put(dataset + '\u0000' + version, placement);
            return placement;
        }
        try {
            DatasetSchema newest = current(dataset).schema();
            return new Placement(newest.entityKey(), newest.eventTime());
        }
        catch (DatasetNotFound ex) {
            return Placement.NONE;
        }
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

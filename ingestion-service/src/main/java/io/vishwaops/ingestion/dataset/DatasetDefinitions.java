package io.vishwaops.ingestion.dataset;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetDefined;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.messaging.Outbox;
import io.vishwaops.problems.Conflict;
import io.vishwaops.problems.InvalidInput;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dataset definitions and their versions. A change to a schema makes a new immutable version and a
 * {@code dataset.defined} event; a change that breaks records valid under the current version is refused
 * unless the caller explicitly allows it, and the allowed breaks are recorded with the version.
 */
@Service
public class DatasetDefinitions {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    DatasetDefinitions(JdbcClient jdbc, Outbox outbox, JsonMapper json) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
    }

    @Transactional
    public DatasetVersion create(DatasetSchema requested, String actor) {
        DatasetSchema schema = checked(requested);
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                insert into dataset (name, current_version, created_at, updated_at) values (:name, 1, :now, :now)
                on conflict (name) do nothing""")
                .param("name", schema.name())
                .param("now", Timestamp.from(now))
                .update();
        if (inserted == 0) {
            throw new Conflict("dataset '" + schema.name() + "' already exists; change it with PUT /api/v1/datasets/"
                    + schema.name());
        }
        return store(schema, 1, null, List.of(), actor, now);
    }

    @Transactional
    public DatasetVersion update(String name, DatasetSchema requested, boolean allowIncompatible, String actor) {
        if (requested.name() != null && !requested.name().equals(name)) {
            throw new InvalidInput("name", "the body names dataset '" + requested.name() + "' but the path '" + name
                    + "'; datasets cannot be renamed");
        }
        DatasetSchema schema = checked(new DatasetSchema(name, requested.description(), requested.columns(),
                requested.entityKey(), requested.eventTime(), requested.target(), requested.task(),
                requested.expectations()));
        Integer current = jdbc.sql("select current_version from dataset where name = :name for update")
                .param("name", name)
                .query(Integer.class)
                .optional()
                .orElseThrow(() -> new DatasetNotFound(name));
        DatasetVersion latest = version(name, current);
        if (latest.schema().equals(schema)) {
            return latest;
        }
        List<String> incompatible = SchemaRules.incompatibleChanges(latest.schema(), schema);
        if (!incompatible.isEmpty() && !allowIncompatible) {
            throw new Conflict("the change breaks records valid under version " + current + ": "
                    + String.join("; ", incompatible) + ". Send allowIncompatible=true to make it anyway");
        }
        Instant now = clock.instant();
        jdbc.sql("update dataset set current_version = :version, updated_at = :now where name = :name")
                .param("version", current + 1)
                .param("now", Timestamp.from(now))
                .param("name", name)
                .update();
        return store(schema, current + 1, current, incompatible, actor, now);
    }

    @Transactional(readOnly = true)
    public DatasetVersion current(String name) {
        Integer current = jdbc.sql("select current_version from dataset where name = :name")
                .param("name", name)
                .query(Integer.class)
                .optional()
                .orElseThrow(() -> new DatasetNotFound(name));
        return version(name, current);
    }

    @Transactional(readOnly = true)
    public DatasetVersion version(String name, int version) {
        return jdbc.sql("select * from dataset_version where name = :name and version = :version")
                .param("name", name)
                .param("version", version)
                .query(this::row)
                .optional()
                .orElseThrow(() -> exists(name) ? new DatasetNotFound(name, version) : new DatasetNotFound(name));
    }

    @Transactional(readOnly = true)
    public List<DatasetVersion> versions(String name) {
        List<DatasetVersion> versions = jdbc.sql("select * from dataset_version where name = :name order by version")
                .param("name", name)
                .query(this::row)
                .list();
        if (versions.isEmpty()) {
            throw new DatasetNotFound(name);
        }
        return versions;
    }

    /** The current version of every dataset, by name. */
    @Transactional(readOnly = true)
    public List<DatasetVersion> list() {
        return jdbc.sql("""
                select v.* from dataset d join dataset_version v on v.name = d.name and v.version = d.current_version
                order by d.name""")
                .query(this::row)
                .list();
    }

    private boolean exists(String name) {
        return jdbc.sql("select count(*) from dataset where name = :name").param("name", name)
                .query(Long.class).single() > 0;
    }

    private DatasetVersion store(DatasetSchema schema, int version, Integer previous, List<String> incompatible,
            String actor, Instant now) {
        jdbc.sql("""
                insert into dataset_version (name, version, schema, incompatible_changes, defined_by, defined_at)
                values (:name, :version, cast(:schema as jsonb), cast(:changes as jsonb), :actor, :now)""")
                .param("name", schema.name())
                .param("version", version)
                .param("schema", json.writeValueAsString(schema))
                .param("changes", json.writeValueAsString(incompatible))
                .param("actor", actor)
                .param("now", Timestamp.from(now))
                .update();
        outbox.append(schema.name(), new DatasetDefined(schema.name(), version, previous, schema, incompatible, actor, now));
        return new DatasetVersion(schema.name(), version, schema, incompatible, actor, now);
    }

    private DatasetVersion row(ResultSet rs, int n) throws SQLException {
        return new DatasetVersion(rs.getString("name"), rs.getInt("version"),
                json.readValue(rs.getString("schema"), DatasetSchema.class),
                json.readValue(rs.getString("incompatible_changes"), STRINGS), rs.getString("defined_by"),
                rs.getTimestamp("defined_at").toInstant());
    }

    /** The schema with absent lists made empty, so equal definitions compare equal; refused if malformed. */
    private static DatasetSchema checked(DatasetSchema schema) {
        List<InvalidInput.Error> problems = SchemaRules.problems(schema);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        List<ColumnSpec> columns = schema.columns().stream()
                .map(c -> new ColumnSpec(c.name(), c.type(), !Boolean.FALSE.equals(c.nullable()),
                        c.allowedValues() == null ? List.of() : List.copyOf(c.allowedValues()), c.min(), c.max(),
                        c.pattern(), c.description()))
                .toList();
        return new DatasetSchema(schema.name(), schema.description(), columns, schema.entityKey(),
                schema.eventTime(), schema.target(), schema.task(),
                Objects.requireNonNullElse(schema.expectations(), List.of()));
    }
}

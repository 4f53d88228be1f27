package io.vishwaops.registry.model;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vishwaops.contracts.models.ModelAliasChanged;
import io.vishwaops.messaging.Outbox;
import io.vishwaops.registry.audit.AuditLog;
import io.vishwaops.registry.system.CallerLookup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/** The queries models, versions and aliases share, and the one way an alias change is recorded. */
@Component
class ModelStore {

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final AuditLog audit;
    private final CallerLookup callers;
    final Clock clock = Clock.systemUTC();

    ModelStore(JdbcClient jdbc, Outbox outbox, AuditLog audit, CallerLookup callers) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.audit = audit;
        this.callers = callers;
    }

    record ModelRow(long id, String name, String description, long created, long updated) {
    }

    Optional<ModelRow> model(String name) {
        return jdbc.sql("select * from registered_model where name = :name").param("name", name)
                .query((rs, n) -> new ModelRow(rs.getLong("model_id"), rs.getString("name"), rs.getString("description"),
                        rs.getLong("creation_timestamp"), rs.getLong("last_updated_timestamp")))
                .optional();
    }

    ModelRow requireModel(String name) {
        return model(name).orElseThrow(() -> new ModelNotFound(name));
    }

    /** Takes the model row's lock: every version number and alias move of one model is decided under it. */
    ModelRow lockModel(String name) {
        return jdbc.sql("select * from registered_model where name = :name for update").param("name", name)
                .query((rs, n) -> new ModelRow(rs.getLong("model_id"), rs.getString("name"), rs.getString("description"),
                        rs.getLong("creation_timestamp"), rs.getLong("last_updated_timestamp")))
                .optional().orElseThrow(() -> new ModelNotFound(name));
    }

    ModelVersion version(String name, String version) {
        int number = number(name, version);
        List<ModelVersion> found = versions("mv.model_id = (select model_id from registered_model where name = :name) "
                + "and mv.version = :version", Map.of("name", name, "version", number), "mv.version");
        if (found.isEmpty()) {
            throw new ModelNotFound(name, version);
        }
        return found.getFirst();
    }

    static int number(String name, String version) {
        try {
            int number = Integer.parseInt(version);
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        }
        catch (NumberFormatException | NullPointerException ex) {
            throw new io.vishwaops.problems.InvalidInput("version", "Model version must be a positive integer, got '"
                    + version + "' for model '" + name + "'");
        }
    }

    List<ModelVersion> versions(String where, Map<String, ?> params, String orderBy) {
        List<ModelVersion> versions = jdbc.sql("""
                select mv.*, m.name from model_version mv join registered_model m on m.model_id = mv.model_id""" + " where " + where + " order by " + orderBy)
                .params(params)
                .query(ModelStore::versionWithoutTags).list();
        if (versions.isEmpty()) {
            return versions;
        }
        Map<String, Map<String, String>> tags = new HashMap<>();
        Map<String, List<String>> aliases = new HashMap<>();
        List<String> keys = versions.stream().map(v -> v.name() + "\u0001" + v.version()).toList();
        jdbc.sql("""
                select m.name, t.version, t.key, t.value from model_version_tag t
                join registered_model m on m.model_id = t.model_id
                where m.name || chr(1) || t.version in (:keys) order by t.key""")
                .param("keys", keys)
                .query(rs -> {
                    tags.computeIfAbsent(rs.getString(1) + "\u0001" + rs.getInt(2), k -> new LinkedHashMap<>())
                            .put(rs.getString(3), rs.getString(4));
                });
        jdbc.sql("""
                select m.name, a.version, a.alias from model_alias a join registered_model m on m.model_id = a.model_id
                where m.name || chr(1) || a.version in (:keys) order by a.alias""")
                .param("keys", keys)
                .query(rs -> {
                    aliases.computeIfAbsent(rs.getString(1) + "\u0001" + rs.getInt(2), k -> new ArrayList<>())
                            .add(rs.getString(3));
                });
        return versions.stream().map(v -> {
            String key = v.name() + "\u0001" + v.version();
            return new ModelVersion(v.name(), v.version(), v.creationTimestamp(), v.lastUpdatedTimestamp(), v.userId(),
                    v.currentStage(), v.description(), v.source(), v.runId(), v.runLink(), v.status(),
                    tags.getOrDefault(key, Map.of()), aliases.getOrDefault(key, List.of()), v.artifactUri(),
                    v.artifactSha256(), v.snapshotSha256());
        }).toList();
    }

    private static ModelVersion versionWithoutTags(ResultSet rs, int row) throws SQLException {
        String name = rs.getString("name");
        String runId = rs.getString("run_id");
        return new ModelVersion(name, String.valueOf(rs.getInt("version")), rs.getLong("creation_timestamp"),
                rs.getLong("last_updated_timestamp"), rs.getString("user_id"), rs.getString("current_stage"),
                rs.getString("description"), rs.getString("source"), runId, rs.getString("run_link"),
                rs.getString("status"), Map.of(), List.of(), rs.getString("artifact_uri"),
                rs.getString("artifact_sha256"), rs.getString("snapshot_sha256"));
    }

    Map<String, String> modelTags(long modelId) {
        Map<String, String> tags = new LinkedHashMap<>();
        jdbc.sql("select key, value from registered_model_tag where model_id = :id order by key").param("id", modelId)
                .query(rs -> {
                    tags.put(rs.getString(1), rs.getString(2));
                });
        return tags;
    }

    Map<String, String> aliases(long modelId) {
        Map<String, String> aliases = new LinkedHashMap<>();
        jdbc.sql("select alias, version from model_alias where model_id = :id order by alias").param("id", modelId)
                .query(rs -> {
                    aliases.put(rs.getString(1), String.valueOf(rs.getInt(2)));
                });
        return aliases;
    }

    /** Records an alias move (or deletion, {@code version} null): history row, audit entry and event, one transaction. */
    AliasChange recordAliasChange(long modelId, String model, String alias, Integer previous, Integer version,
            String reason) {
        Instant now = clock.instant();
        String by = callers.current().user();
        jdbc.sql("""
                insert into alias_change (model_name, alias, previous_version, version, changed_by, reason, changed_at)
                values (:model, :alias, :previous, :version, :by, :reason, :at)""")
                .param("model", model).param("alias", alias).param("previous", previous).param("version", version)
                .param("by", by).param("reason", reason).param("at", Timestamp.from(now)).update();
        AliasChange change = new AliasChange(model, alias, previous == null ? null : previous.toString(),
                version == null ? null : version.toString(), by, reason, now);
        audit.record(version == null ? "alias.deleted" : "alias.moved", "model-alias", model + "@" + alias,
                previous == null ? null : Map.of("version", previous.toString()),
                version == null ? null : Map.of("version", version.toString()), reason);
        outbox.append(model, new ModelAliasChanged(model, alias, change.previousVersion(), change.version(), by, reason,
                now));
        jdbc.sql("update registered_model set last_updated_timestamp = :now where model_id = :id")
                .param("now", now.toEpochMilli()).param("id", modelId).update();
        return change;
    }

    static String runArtifactUri(String runId, String path) {
        return "/api/v1/registry/runs/" + runId + "/artifacts/" + UriUtils.encodePath(path, "UTF-8");
    }
}

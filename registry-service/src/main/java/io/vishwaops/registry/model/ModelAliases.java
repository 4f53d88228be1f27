package io.vishwaops.registry.model;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.vishwaops.problems.InvalidInput;
import io.vishwaops.problems.NotFound;
import io.vishwaops.registry.audit.AuditLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Aliases ({@code champion}, {@code challenger}, ...) and their history. Every move of one model's aliases is
 * decided under that model's row lock, so a conditional move ("from 3 to 4") either finds 3 and wins or finds
 * someone else's move and is refused with the current state. Aliases can be put under an approval policy.
 */
@Service
public class ModelAliases {

    private static final Pattern RESERVED = Pattern.compile("(?i)latest|v\\d+|version\\d+");

    private final JdbcClient jdbc;
    private final ModelStore store;
    private final AuditLog audit;

    ModelAliases(JdbcClient jdbc, ModelStore store, AuditLog audit) {
        this.jdbc = jdbc;
        this.store = store;
        this.audit = audit;
    }

    /** What the caller believes the alias points at now; {@link #ANY} skips the check. */
    public record Expected(boolean check, String version) {

        public static final Expected ANY = new Expected(false, null);

        public static Expected version(String version) {
            return new Expected(true, version);
        }

        public static Expected none() {
            return new Expected(true, null);
        }
    }

    /** Where a model's alias points: the version, and the bundle serving loads and checks. */
    public record Target(String model, String alias, String version, String source, String runId, String artifactUri,
            String artifactSha256, String snapshotSha256) {
    }

    /**
     * Points {@code alias} at {@code version}. Refused with {@link ApprovalRequired} when a policy guards the
     * alias and the move is not an approved one, and with {@link AliasMovedMeanwhile} when the alias is not where
     * {@code expected} says.
     */
    @Transactional
    public AliasChange move(String name, String alias, String version, Expected expected, String reason,
            boolean approved) {
        checkAlias(alias);
        ModelStore.ModelRow model = store.lockModel(name);
        store.version(name, version);
        if (!approved && requiresApproval(model.id(), alias)) {
            throw new ApprovalRequired(name, alias);
        }
        Integer current = current(model.id(), alias);
        String currentText = current == null ? null : current.toString();
        if (expected.check() && !java.util.Objects.equals(expected.version(), currentText)) {
            throw new AliasMovedMeanwhile(name, alias, expected.version(), currentText);
        }
        int target = Integer.parseInt(version);
        if (current != null && current == target) {
            return new AliasChange(name, alias, currentText, currentText, null, "unchanged", Instant.now());
        }
        jdbc.sql("""
                insert into model_alias (model_id, alias, version) values (:id, :alias, :version)
                on conflict (model_id, alias) do update set version = excluded.version""")
                .param("id", model.id()).param("alias", alias).param("version", target).update();
        return store.recordAliasChange(model.id(), name, alias, current, target,
                reason == null || reason.isBlank() ? "set by " + "API call" : reason);
    }

    @Transactional
    public Optional<AliasChange> delete(String name, String alias, String reason, boolean approved) {
        checkAlias(alias);
        ModelStore.ModelRow model = store.lockModel(name);
        if (!approved && requiresApproval(model.id(), alias)) {
            throw new ApprovalRequired(name, alias);
        }
        Integer current = current(model.id(), alias);
        if (current == null) {
            return Optional.empty();
        }
        jdbc.sql("delete from model_alias where model_id = :id and alias = :alias").param("id", model.id())
                .param("alias", alias).update();
        return Optional.of(store.recordAliasChange(model.id(), name, alias, current, null,
                reason == null || reason.isBlank() ? "deleted by API call" : reason));
    }

    @Transactional(readOnly = true)
    public ModelVersion versionByAlias(String name, String alias) {
        ModelStore.ModelRow model = store.requireModel(name);
        Integer current = current(model.id(), alias);
        if (current == null) {
            throw new NotFound("alias", alias + "' of registered model '" + name);
        }
        return store.version(name, current.toString());
    }

    @Transactional(readOnly = true)
    public Target target(String name, String alias) {
        ModelVersion version = versionByAlias(name, alias);
        return new Target(name, alias, version.version(), version.source(), version.runId(), version.artifactUri(),
                version.artifactSha256(), version.snapshotSha256());
    }

    /** Every move of the alias, oldest first; kept after the alias or its versions are deleted. */
    @Transactional(readOnly = true)
    public List<AliasChange> history(String name, String alias) {
        return jdbc.sql("""
                select * from alias_change where model_name = :name and alias = :alias order by changed_at, id""")
                .param("name", name).param("alias", alias)
                .query((rs, n) -> new AliasChange(rs.getString("model_name"), rs.getString("alias"),
                        text(rs.getObject("previous_version")), text(rs.getObject("version")), rs.getString("changed_by"),
                        rs.getString("reason"), rs.getTimestamp("changed_at").toInstant()))
                .list();
    }

    /** The version the alias pointed at at {@code instant}, if any. */
    @Transactional(readOnly = true)
    public Optional<String> versionAt(String name, String alias, Instant instant) {
        return jdbc.sql("""
                select version from alias_change where model_name = :name and alias = :alias and changed_at <= :at
                order by changed_at desc, id desc limit 1""")
                .param("name", name).param("alias", alias).param("at", Timestamp.from(instant))
                .query((rs, n) -> Optional.ofNullable(text(rs.getObject(1)))).optional().flatMap(v -> v);
    }

    @Transactional
    public void requireApproval(String name, String alias, boolean required) {
        checkAlias(alias);
        ModelStore.ModelRow model = store.lockModel(name);
        boolean before = requiresApproval(model.id(), alias);
        jdbc.sql("""
                insert into alias_policy (model_id, alias, requires_approval) values (:id, :alias, :required)
                on conflict (model_id, alias) do update set requires_approval = excluded.requires_approval""")
                .param("id", model.id()).param("alias", alias).param("required", required).update();
        audit.record("alias.policy-set", "model-alias", name + "@" + alias, Map.of("requiresApproval", before),
                Map.of("requiresApproval", required), null);
    }

    @Transactional(readOnly = true)
    public boolean requiresApproval(String name, String alias) {
        return requiresApproval(store.requireModel(name).id(), alias);
    }

    private boolean requiresApproval(long modelId, String alias) {
        return jdbc.sql("select requires_approval from alias_policy where model_id = :id and alias = :alias")
                .param("id", modelId).param("alias", alias).query(Boolean.class).optional().orElse(false);
    }

    private Integer current(long modelId, String alias) {
        return jdbc.sql("select version from model_alias where model_id = :id and alias = :alias")
                .param("id", modelId).param("alias", alias).query(Integer.class).optional().orElse(null);
    }

    private static void checkAlias(String alias) {
        if (alias == null || alias.isBlank()) {
            throw new InvalidInput("alias", "Missing value for required parameter 'alias'.");
        }
        if (alias.length() > 255 || !alias.matches("[\\w\\-]+")) {
            throw new InvalidInput("alias", "Invalid alias name '" + alias
                    + "': aliases are 1-255 letters, digits, '_' and '-'.");
        }
        if (RESERVED.matcher(alias).matches()) {
            throw new InvalidInput("alias", "Invalid alias name '" + alias + "': 'latest', 'v<number>' and "
                    + "'version<number>' are reserved.");
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

package io.vishwaops.registry.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.vishwaops.contracts.models.ModelVersionArchived;
import io.vishwaops.contracts.models.ModelVersionRegistered;
import io.vishwaops.messaging.Outbox;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.problems.NotFound;
import io.vishwaops.registry.artifact.Artifact;
import io.vishwaops.registry.artifact.ArtifactStore;
import io.vishwaops.registry.audit.AuditLog;
import io.vishwaops.registry.run.Run;
import io.vishwaops.registry.run.Runs;
import io.vishwaops.registry.search.Page;
import io.vishwaops.registry.search.PageToken;
import io.vishwaops.registry.search.SearchFilter;
import io.vishwaops.registry.search.SqlFilter;
import io.vishwaops.registry.system.AlreadyExists;
import io.vishwaops.registry.system.CallerLookup;
import io.vishwaops.registry.system.Names;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registered models and their versions: gapless version numbers under the model's row lock, MLflow stages,
 * tags, and the events {@code model-version.registered} and {@code model-version.archived} through the outbox.
 */
@Service
public class ModelRegistry {

    /** The run tag training sets to the sha-256 of the dataset snapshot it trained on. */
    public static final String SNAPSHOT_TAG = "vops.snapshot.sha256";
    static final List<String> STAGES = List.of("None", "Staging", "Production", "Archived");

    private final JdbcClient jdbc;
    private final ModelStore store;
    private final Runs runs;
    private final ArtifactStore artifacts;
    private final Outbox outbox;
    private final AuditLog audit;
    private final CallerLookup callers;

    ModelRegistry(JdbcClient jdbc, ModelStore store, Runs runs, ArtifactStore artifacts, Outbox outbox, AuditLog audit,
            CallerLookup callers) {
        this.jdbc = jdbc;
        this.store = store;
        this.runs = runs;
        this.artifacts = artifacts;
        this.outbox = outbox;
        this.audit = audit;
        this.callers = callers;
    }

    @Transactional
    public RegisteredModel create(String name, String description, Map<String, String> tags) {
        Names.name("name", name);
        long now = store.clock.millis();
        // a name taken is an answer, not a failed statement: PostgreSQL would log the violation as an error
        int inserted = jdbc.sql("""
                insert into registered_model (name, description, creation_timestamp, last_updated_timestamp)
                values (:name, :description, :now, :now) on conflict (name) do nothing""")
                .param("name", name).param("description", description == null ? "" : description).param("now", now)
                .update();
        if (inserted == 0) {
            throw new AlreadyExists("Registered Model (name=" + name + ") already exists.");
        }
        tags.forEach((key, value) -> setTag(name, key, value));
        RegisteredModel model = get(name);
        audit.record("model.created", "registered-model", name, null, model, null);
        return model;
    }

    @Transactional(readOnly = true)
    public RegisteredModel get(String name) {
        Names.required("name", name);
        ModelStore.ModelRow row = store.requireModel(name);
        return new RegisteredModel(row.name(), row.created(), row.updated(), row.description(),
                latestVersions(name, List.of()), store.modelTags(row.id()), store.aliases(row.id()));
    }

    @Transactional
    public RegisteredModel rename(String name, String newName) {
        Names.name("new_name", newName);
        ModelStore.ModelRow row = store.lockModel(name);
        try {
            jdbc.sql("update registered_model set name = :newName, last_updated_timestamp = :now where model_id = :id")
                    .param("newName", newName).param("now", store.clock.millis()).param("id", row.id()).update();
        }
        catch (DuplicateKeyException ex) {
            throw new AlreadyExists("Registered Model (name=" + newName + ") already exists.");
        }
        jdbc.sql("update alias_change set model_name = :newName where model_name = :name")
                .param("newName", newName).param("name", name).update();
        jdbc.sql("update approval_request set model_name = :newName where model_name = :name")
                .param("newName", newName).param("name", name).update();
        audit.record("model.renamed", "registered-model", newName, Map.of("name", name), Map.of("name", newName), null);
        return get(newName);
    }

    @Transactional
    public RegisteredModel updateDescription(String name, String description) {
        ModelStore.ModelRow row = store.lockModel(name);
        jdbc.sql("update registered_model set description = :d, last_updated_timestamp = :now where model_id = :id")
                .param("d", description == null ? "" : description).param("now", store.clock.millis())
                .param("id", row.id()).update();
        audit.record("model.updated", "registered-model", name, Map.of("description", row.description()),
                Map.of("description", description == null ? "" : description), null);
        return get(name);
    }

    /** Deletes the model, its versions and aliases; every alias removal is announced so serving lets go. */
    @Transactional
    public void delete(String name) {
        ModelStore.ModelRow row = store.lockModel(name);
        RegisteredModel before = get(name);
        before.aliases().forEach((alias, version) -> store.recordAliasChange(row.id(), name, alias,
                Integer.valueOf(version), null, "registered model deleted"));
        jdbc.sql("delete from registered_model where model_id = :id").param("id", row.id()).update();
        audit.record("model.deleted", "registered-model", name, before, null, null);
    }

    @Transactional
    public void setTag(String name, String key, String value) {
        Names.key("Tag", key);
        Names.value("Tag", key, value, Names.MAX_TAG_VALUE_LENGTH);
        ModelStore.ModelRow row = store.requireModel(name);
        jdbc.sql("""
                insert into registered_model_tag (model_id, key, value) values (:id, :key, :value)
                on conflict (model_id, key) do update set value = excluded.value""")
                .param("id", row.id()).param("key", key).param("value", value).update();
        audit.record("model.tag-set", "registered-model", name, null, Map.of(key, value), null);
    }

    @Transactional
    public void deleteTag(String name, String key) {
        ModelStore.ModelRow row = store.requireModel(name);
        int deleted = jdbc.sql("delete from registered_model_tag where model_id = :id and key = :key")
                .param("id", row.id()).param("key", key).update();
        if (deleted == 0) {
            throw new NotFound("tag", key + "' of registered model '" + name);
        }
        audit.record("model.tag-deleted", "registered-model", name, Map.of("key", key), null, null);
    }

    @Transactional(readOnly = true)
    public Page<RegisteredModel> search(String filter, int maxResults, List<String> orderBy, String pageToken) {
        SqlFilter sql = new SqlFilter();
        for (SearchFilter.Clause clause : SearchFilter.parse(filter)) {
            switch (clause.kind()) {
                case ATTRIBUTE -> {
                    if (!clause.key().equals("name")) {
                        throw new InvalidInput("filter", "Invalid attribute key '" + clause.key()
                                + "' specified. Valid keys are ['name']");
                    }
                    sql.and(sql.compare("m.name", clause.op(), clause.string()));
                }
                case TAG -> sql.and("exists (select 1 from registered_model_tag t where t.model_id = m.model_id and t.key = "
                        + sql.param(clause.key()) + " and " + sql.compare("t.value", clause.op(), clause.string()) + ")");
                default -> throw new InvalidInput("filter", "Registered models can be filtered by name and tags, not by "
                        + clause.describe());
            }
        }
        List<String> order = order(orderBy, List.of("name", "creation_timestamp", "last_updated_timestamp"), "m.");
        order.add("m.name asc");
        int offset = PageToken.offset(pageToken);
        List<String> names = jdbc.sql("select m.name from registered_model m where true" + sql.where() + " order by "
                + String.join(", ", order) + " limit :limit offset :offset")
                .params(sql.params()).param("limit", maxResults + 1).param("offset", offset).query(String.class).list();
        return PageToken.page(names.stream().map(this::get).toList(), offset, maxResults);
    }

    /** Registers the next version, numbered under the model's row lock so concurrent registrations get 1, 2, 3... */
    @Transactional
    public ModelVersion createVersion(String name, String source, String runId, String description,
            Map<String, String> tags, String runLink) {
        Names.required("name", name);
        Names.required("source", source);
        String snapshotSha256 = null;
        Optional<Artifact> bundle = Optional.empty();
        if (runId != null && !runId.isEmpty()) {
            Run run = runs.get(runId);
            snapshotSha256 = run.tags().get(SNAPSHOT_TAG);
            bundle = resolveRunArtifact(run, source);
        }
        ModelStore.ModelRow model = store.model(name).orElseThrow(() -> new ModelNotFound(name));
        long now = store.clock.millis();
        int version = jdbc.sql("""
                update registered_model set last_version = last_version + 1, last_updated_timestamp = :now
                where model_id = :id returning last_version""")
                .param("now", now).param("id", model.id()).query(Integer.class).single();
        jdbc.sql("""
                insert into model_version (model_id, version, creation_timestamp, last_updated_timestamp, user_id,
                  description, source, run_id, run_link, artifact_id, artifact_uri, artifact_sha256, snapshot_sha256)
                values (:model, :version, :now, :now, :user, :description, :source, :runId, :runLink, :artifactId,
                  :artifactUri, :artifactSha, :snapshotSha)""")
                .param("model", model.id()).param("version", version).param("now", now)
                .param("user", callers.current().user()).param("description", description == null ? "" : description)
                .param("source", source).param("runId", runId == null || runId.isEmpty() ? null : runId)
                .param("runLink", runLink == null ? "" : runLink)
                .param("artifactId", bundle.map(Artifact::artifactId).orElse(null))
                .param("artifactUri", bundle.map(a -> ModelStore.runArtifactUri(a.ownerId(), a.path())).orElse(null))
                .param("artifactSha", bundle.map(Artifact::sha256).orElse(null))
                .param("snapshotSha", snapshotSha256)
                .update();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            setVersionTagUnchecked(model.id(), version, tag.getKey(), tag.getValue());
        }
        ModelVersion created = store.version(name, String.valueOf(version));
        audit.record("model-version.registered", "model-version", name + "/" + version, null, created, null);
        outbox.append(name, new ModelVersionRegistered(name, created.version(), created.runId(), snapshotSha256,
                created.artifactSha256(), Instant.ofEpochMilli(now)));
        return created;
    }

    /** {@code runs:/<run id>/<path>} or the run's artifact URL, when it names one stored file of that run. */
    private Optional<Artifact> resolveRunArtifact(Run run, String source) {
        String path = null;
        String runsPrefix = "runs:/" + run.info().runId() + "/";
        if (source.startsWith(runsPrefix)) {
            path = source.substring(runsPrefix.length());
        }
        else if (source.startsWith(run.info().artifactUri() + "/")) {
            path = org.springframework.web.util.UriUtils.decode(source.substring(run.info().artifactUri().length() + 1),
                    "UTF-8");
        }
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        return artifacts.find(Artifact.RUN, run.info().runId(), path);
    }

    @Transactional(readOnly = true)
    public ModelVersion version(String name, String version) {
        Names.required("name", name);
        Names.required("version", version);
        return store.version(name, version);
    }

    @Transactional
    public ModelVersion updateVersion(String name, String version, String description) {
        ModelVersion before = version(name, version);
        ModelStore.ModelRow model = store.requireModel(name);
        jdbc.sql("""
                update model_version set description = :d, last_updated_timestamp = :now
                where model_id = :id and version = :version""")
                .param("d", description == null ? "" : description).param("now", store.clock.millis())
                .param("id", model.id()).param("version", Integer.parseInt(before.version())).update();
        ModelVersion after = version(name, version);
        audit.record("model-version.updated", "model-version", name + "/" + version, before, after, null);
        return after;
    }

    /** Deletes a version; aliases that pointed at it are removed (and announced) first. */
    @Transactional
    public void deleteVersion(String name, String version) {
        ModelStore.ModelRow model = store.lockModel(name);
        ModelVersion before = version(name, version);
        for (String alias : before.aliases()) {
            jdbc.sql("delete from model_alias where model_id = :id and alias = :alias").param("id", model.id())
                    .param("alias", alias).update();
            store.recordAliasChange(model.id(), name, alias, Integer.valueOf(version), null,
                    "model version " + version + " deleted");
        }
        jdbc.sql("delete from model_version where model_id = :id and version = :version").param("id", model.id())
                .param("version", Integer.parseInt(version)).update();
        audit.record("model-version.deleted", "model-version", name + "/" + version, before, null, null);
    }

    @Transactional
    public void setVersionTag(String name, String version, String key, String value) {
        Names.key("Tag", key);
        Names.value("Tag", key, value, Names.MAX_TAG_VALUE_LENGTH);
        version(name, version);
        setVersionTagUnchecked(store.requireModel(name).id(), Integer.parseInt(version), key, value);
        audit.record("model-version.tag-set", "model-version", name + "/" + version, null, Map.of(key, value), null);
    }

    private void setVersionTagUnchecked(long modelId, int version, String key, String value) {
        Names.key("Tag", key);
        jdbc.sql("""
                insert into model_version_tag (model_id, version, key, value) values (:id, :version, :key, :value)
                on conflict (model_id, version, key) do update set value = excluded.value""")
                .param("id", modelId).param("version", version).param("key", key).param("value", value).update();
    }

    @Transactional
    public void deleteVersionTag(String name, String version, String key) {
        version(name, version);
        int deleted = jdbc.sql("delete from model_version_tag where model_id = :id and version = :version and key = :key")
                .param("id", store.requireModel(name).id()).param("version", Integer.parseInt(version))
                .param("key", key).update();
        if (deleted == 0) {
            throw new NotFound("tag", key + "' of model '" + name + "' version '" + version);
        }
        audit.record("model-version.tag-deleted", "model-version", name + "/" + version, Map.of("key", key), null, null);
    }

    @Transactional(readOnly = true)
    public Page<ModelVersion> searchVersions(String filter, int maxResults, List<String> orderBy, String pageToken) {
        SqlFilter sql = new SqlFilter();
        for (SearchFilter.Clause clause : SearchFilter.parse(filter)) {
            switch (clause.kind()) {
                case ATTRIBUTE -> {
                    switch (clause.key()) {
                        case "name" -> sql.and(sql.compare("m.name", clause.op(), clause.string()));
                        case "run_id" -> sql.and(switch (clause.op()) {
                            case "IN" -> "mv.run_id in (" + sql.param(clause.list()) + ")";
                            case "NOT IN" -> "mv.run_id not in (" + sql.param(clause.list()) + ")";
                            default -> sql.compare("mv.run_id", clause.op(), clause.string());
                        });
                        case "source_path" -> sql.and(sql.compare("mv.source", clause.op(), clause.string()));
                        case "version_number" -> sql.and("mv.version " + clause.op() + " " + sql.param((int) clause.number()));
                        default -> throw new InvalidInput("filter", "Invalid attribute key '" + clause.key()
                                + "' specified. Valid keys are ['name', 'run_id', 'source_path', 'version_number']");
                    }
                }
                case TAG -> sql.and("exists (select 1 from model_version_tag t where t.model_id = mv.model_id "
                        + "and t.version = mv.version and t.key = " + sql.param(clause.key()) + " and "
                        + sql.compare("t.value", clause.op(), clause.string()) + ")");
                default -> throw new InvalidInput("filter", "Model versions can be filtered by name, run_id, "
                        + "source_path, version_number and tags, not by " + clause.describe());
            }
        }
        List<String> order = new ArrayList<>();
        for (String entry : orderBy) {
            SearchFilter.Order o = SearchFilter.order(entry);
            String column = switch (o.key()) {
                case "name" -> "m.name";
                case "version_number" -> "mv.version";
                case "creation_timestamp", "last_updated_timestamp" -> "mv." + o.key();
                default -> throw new InvalidInput("order_by", "Invalid order_by key '" + o.key() + "'");
            };
            order.add(column + (o.ascending() ? " asc" : " desc"));
        }
        order.add("m.name asc");
        order.add("mv.version desc");
        int offset = PageToken.offset(pageToken);
        Map<String, Object> params = new LinkedHashMap<>(sql.params());
        params.put("limit", maxResults + 1);
        params.put("offset", offset);
        List<ModelVersion> found = store.versions("true" + sql.where(), params,
                String.join(", ", order) + " limit :limit offset :offset");
        return PageToken.page(found, offset, maxResults);
    }

    /** For each stage asked (all when none), the highest version in it. */
    @Transactional(readOnly = true)
    public List<ModelVersion> latestVersions(String name, List<String> stages) {
        ModelStore.ModelRow model = store.requireModel(name);
        List<String> wanted = stages.isEmpty() ? STAGES : stages.stream().map(ModelRegistry::stage).toList();
        return store.versions("""
                mv.model_id = :id and mv.current_stage in (:stages) and mv.version = (select max(o.version)
                from model_version o where o.model_id = mv.model_id and o.current_stage = mv.current_stage)""",
                Map.of("id", model.id(), "stages", wanted), "mv.version");
    }

    @Transactional(readOnly = true)
    public String downloadUri(String name, String version) {
        ModelVersion found = version(name, version);
        return found.artifactUri() != null ? found.artifactUri() : found.source();
    }

    /** MLflow's transition-stage; archiving announces {@code model-version.archived}. */
    @Transactional
    public ModelVersion transitionStage(String name, String version, String stage, boolean archiveExisting) {
        String target = stage(stage);
        ModelStore.ModelRow model = store.lockModel(name);
        ModelVersion before = version(name, version);
        if (archiveExisting && (target.equals("Staging") || target.equals("Production"))) {
            for (ModelVersion other : store.versions("mv.model_id = :id and mv.current_stage = :stage and mv.version <> :v",
                    Map.of("id", model.id(), "stage", target, "v", Integer.parseInt(before.version())), "mv.version")) {
                setStage(model.id(), other, "Archived",
                        "version " + before.version() + " moved to " + target + " with archive_existing_versions");
            }
        }
        setStage(model.id(), before, target, "stage transition requested");
        return version(name, version);
    }

    private void setStage(long modelId, ModelVersion version, String stage, String reason) {
        if (version.currentStage().equals(stage)) {
            return;
        }
        long now = store.clock.millis();
        jdbc.sql("""
                update model_version set current_stage = :stage, last_updated_timestamp = :now
                where model_id = :id and version = :version""")
                .param("stage", stage).param("now", now).param("id", modelId)
                .param("version", Integer.parseInt(version.version())).update();
        audit.record("model-version.stage-changed", "model-version", version.name() + "/" + version.version(),
                Map.of("stage", version.currentStage()), Map.of("stage", stage), reason);
        if (stage.equals("Archived")) {
            outbox.append(version.name(), new ModelVersionArchived(version.name(), version.version(),
                    version.currentStage(), callers.current().user(), reason, Instant.ofEpochMilli(now)));
        }
    }

    static String stage(String stage) {
        if (stage != null) {
            for (String known : STAGES) {
                if (known.toLowerCase(Locale.ROOT).equals(stage.toLowerCase(Locale.ROOT))) {
                    return known;
                }
            }
        }
        throw new InvalidInput("stage", "Invalid Model Version stage: " + stage
                + ". Value must be one of None, Staging, Production, Archived.");
    }

    private static List<String> order(List<String> orderBy, List<String> allowed, String prefix) {
        List<String> order = new ArrayList<>();
        for (String entry : orderBy) {
            SearchFilter.Order o = SearchFilter.order(entry);
            if (!allowed.contains(o.key())) {
                throw new InvalidInput("order_by", "Invalid order_by key '" + o.key() + "'; expected one of " + allowed);
            }
            order.add(prefix + o.key() + (o.ascending() ? " asc" : " desc"));
        }
        return order;
    }
}

package io.vishwaops.registry.experiment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vishwaops.problems.InvalidInput;
import io.vishwaops.registry.audit.AuditLog;
import io.vishwaops.registry.search.Page;
import io.vishwaops.registry.search.PageToken;
import io.vishwaops.registry.search.SearchFilter;
import io.vishwaops.registry.search.SqlFilter;
import io.vishwaops.registry.system.AlreadyExists;
import io.vishwaops.registry.system.Names;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Experiments: create, find, rename, tag, delete (soft, as MLflow) and restore. */
@Service
public class Experiments {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    Experiments(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    public String create(String name, String artifactLocation, Map<String, String> tags) {
        Names.required("name", name);
        long id = jdbc.sql("select nextval('experiment_id_seq')").query(Long.class).single();
        long now = clock.millis();
        try {
            jdbc.sql("""
                    insert into experiment (experiment_id, name, artifact_location, creation_time, last_update_time)
                    values (:id, :name, :location, :now, :now)""")
                    .param("id", id).param("name", name)
                    .param("location", artifactLocation == null || artifactLocation.isEmpty()
                            ? "/api/v1/registry/experiments/" + id + "/artifacts" : artifactLocation)
                    .param("now", now)
                    .update();
        }
        catch (DuplicateKeyException ex) {
            throw new AlreadyExists("Experiment '" + name + "' already exists.");
        }
        tags.forEach((key, value) -> setTag(String.valueOf(id), key, value));
        audit.record("experiment.created", "experiment", String.valueOf(id), null, get(String.valueOf(id)), null);
        return String.valueOf(id);
    }

    @Transactional(readOnly = true)
    public Experiment get(String experimentId) {
        return find("experiment_id = :id", "id", id(experimentId)).orElseThrow(() -> new ExperimentNotFound(experimentId));
    }

    @Transactional(readOnly = true)
    public Experiment byName(String name) {
        return find("name = :name", "name", Names.required("experiment_name", name))
                .orElseThrow(() -> new ExperimentNotFound(name));
    }

    /** An experiment runs may be created in or logged to. */
    public Experiment requireActive(String experimentId) {
        Experiment experiment = get(experimentId);
        if (!experiment.active()) {
            throw new InvalidInput("experiment_id", "The experiment " + experimentId
                    + " must be in the 'active' state. Current state is " + experiment.lifecycleStage() + ".");
        }
        return experiment;
    }

    @Transactional
    public void rename(String experimentId, String newName) {
        Names.required("new_name", newName);
        Experiment before = get(experimentId);
        try {
            jdbc.sql("update experiment set name = :name, last_update_time = :now where experiment_id = :id")
                    .param("name", newName).param("now", clock.millis()).param("id", id(experimentId)).update();
        }
        catch (DuplicateKeyException ex) {
            throw new AlreadyExists("Experiment '" + newName + "' already exists.");
        }
        audit.record("experiment.renamed", "experiment", experimentId, before, get(experimentId), null);
    }

    @Transactional
    public void delete(String experimentId) {
        lifecycle(experimentId, "deleted");
    }

    @Transactional
    public void restore(String experimentId) {
        lifecycle(experimentId, "active");
    }

    private void lifecycle(String experimentId, String stage) {
        Experiment before = get(experimentId);
        if (experimentId.equals("0") && stage.equals("deleted")) {
            throw new InvalidInput("experiment_id", "Cannot delete the default experiment '0'.");
        }
        jdbc.sql("update experiment set lifecycle_stage = :stage, last_update_time = :now where experiment_id = :id")
                .param("stage", stage).param("now", clock.millis()).param("id", id(experimentId)).update();
        jdbc.sql("update run set lifecycle_stage = :stage where experiment_id = :id")
                .param("stage", stage).param("id", id(experimentId)).update();
        audit.record(stage.equals("deleted") ? "experiment.deleted" : "experiment.restored", "experiment",
                experimentId, before, get(experimentId), null);
    }

    @Transactional
    public void setTag(String experimentId, String key, String value) {
        get(experimentId);
        Names.key("Tag", key);
        Names.value("Tag", key, value, Names.MAX_TAG_VALUE_LENGTH);
        jdbc.sql("""
                insert into experiment_tag (experiment_id, key, value) values (:id, :key, :value)
                on conflict (experiment_id, key) do update set value = excluded.value""")
                .param("id", id(experimentId)).param("key", key).param("value", value).update();
    }

    @Transactional(readOnly = true)
    public Page<Experiment> search(String filter, String viewType, int maxResults, List<String> orderBy, String pageToken) {
        SqlFilter sql = new SqlFilter();
        lifecycle(sql, viewType);
        for (SearchFilter.Clause clause : SearchFilter.parse(filter)) {
            switch (clause.kind()) {
                case TAG -> sql.and("exists (select 1 from experiment_tag t where t.experiment_id = e.experiment_id and "
                        + "t.key = " + sql.param(clause.key()) + " and " + sql.compare("t.value", clause.op(), clause.string()) + ")");
                case ATTRIBUTE -> {
                    switch (clause.key()) {
                        case "name" -> sql.and(sql.compare("e.name", clause.op(), clause.string()));
                        case "creation_time", "last_update_time" ->
                            sql.and("e." + clause.key() + " " + clause.op() + " " + sql.param(clause.number()));
                        default -> throw new InvalidInput("filter", "Invalid attribute key '" + clause.key()
                                + "' specified. Valid keys are ['name', 'creation_time', 'last_update_time']");
                    }
                }
                default -> throw new InvalidInput("filter", "Experiments can be filtered by name, creation_time, "
                        + "last_update_time and tags, not by " + clause.describe());
            }
        }
        List<String> order = new ArrayList<>();
        for (String entry : orderBy) {
            SearchFilter.Order o = SearchFilter.order(entry);
            if (o.kind() != SearchFilter.Kind.ATTRIBUTE
                    || !List.of("name", "experiment_id", "creation_time", "last_update_time").contains(o.key())) {
                throw new InvalidInput("order_by", "Invalid order_by entity '" + entry + "'");
            }
            order.add("e." + o.key() + (o.ascending() ? " asc" : " desc"));
        }
        order.add("e.experiment_id asc");
        int offset = PageToken.offset(pageToken);
        List<String> ids = jdbc.sql("select e.experiment_id from experiment e where true" + sql.where()
                + " order by " + String.join(", ", order) + " limit :limit offset :offset")
                .params(sql.params()).param("limit", maxResults + 1).param("offset", offset)
                .query((rs, n) -> String.valueOf(rs.getLong(1))).list();
        List<Experiment> experiments = ids.stream().map(this::get).toList();
        return PageToken.page(experiments, offset, maxResults);
    }

    static void lifecycle(SqlFilter sql, String viewType) {
        switch (viewType == null ? "ACTIVE_ONLY" : viewType.toUpperCase(Locale.ROOT)) {
            case "ACTIVE_ONLY" -> sql.and("lifecycle_stage = 'active'");
            case "DELETED_ONLY" -> sql.and("lifecycle_stage = 'deleted'");
            case "ALL" -> {
            }
            default -> throw new InvalidInput("view_type", "Invalid view type '" + viewType
                    + "'; expected ACTIVE_ONLY, DELETED_ONLY or ALL");
        }
    }

    private java.util.Optional<Experiment> find(String condition, String param, Object value) {
        return jdbc.sql("select * from experiment where " + condition).param(param, value)
                .query((rs, n) -> {
                    long id = rs.getLong("experiment_id");
                    return new Experiment(String.valueOf(id), rs.getString("name"), rs.getString("artifact_location"),
                            rs.getString("lifecycle_stage"), rs.getLong("creation_time"), rs.getLong("last_update_time"),
                            tags(id));
                })
                .optional();
    }

    private Map<String, String> tags(long id) {
        Map<String, String> tags = new LinkedHashMap<>();
        jdbc.sql("select key, value from experiment_tag where experiment_id = :id order by key").param("id", id)
                .query(rs -> {
                    tags.put(rs.getString(1), rs.getString(2));
                });
        return tags;
    }

    private static long id(String experimentId) {
        try {
            return Long.parseLong(Names.required("experiment_id", experimentId));
        }
        catch (NumberFormatException ex) {
            throw new ExperimentNotFound(experimentId);
        }
    }
}

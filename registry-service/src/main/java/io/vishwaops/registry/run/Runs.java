package io.vishwaops.registry.run;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.vishwaops.problems.InvalidInput;
import io.vishwaops.registry.audit.AuditLog;
import io.vishwaops.registry.experiment.Experiment;
import io.vishwaops.registry.experiment.Experiments;
import io.vishwaops.registry.search.Page;
import io.vishwaops.registry.search.PageToken;
import io.vishwaops.registry.search.SearchFilter;
import io.vishwaops.registry.search.SqlFilter;
import io.vishwaops.registry.system.Names;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs and what they log: params (immutable once logged), metrics (every value kept, the latest per key
 * indexed for search) and tags; search with MLflow's filter syntax.
 */
@Service
public class Runs {

    public static final int MAX_METRICS_PER_BATCH = 1000;
    public static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
    public static final int MAX_ENTITIES_PER_BATCH = 1000;

    static final Set<String> STATUSES = Set.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED");
    private static final Set<String> STRING_ATTRIBUTES = Set.of("run_name", "status", "user_id", "artifact_uri",
            "run_id", "lifecycle_stage");
    private static final Set<String> NUMBER_ATTRIBUTES = Set.of("start_time", "end_time", "created");

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Experiments experiments;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    Runs(JdbcClient jdbc, JdbcTemplate batch, Experiments experiments, AuditLog audit) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.experiments = experiments;
        this.audit = audit;
    }

    @Transactional
    public Run create(String experimentId, String userId, String runName, Long startTime, Map<String, String> tags) {
        Experiment experiment = experiments.requireActive(experimentId == null || experimentId.isEmpty() ? "0" : experimentId);
        String runId = UUID.randomUUID().toString().replace("-", "");
        String name = runName == null || runName.isEmpty() ? tags.getOrDefault("mlflow.runName", "run-" + runId.substring(0, 8))
                : runName;
        jdbc.sql("""
                insert into run (run_id, experiment_id, run_name, user_id, status, start_time, artifact_uri)
                values (:runId, :experimentId, :name, :user, 'RUNNING', :start, :artifactUri)""")
                .param("runId", runId).param("experimentId", Long.parseLong(experiment.experimentId()))
                .param("name", name).param("user", userId == null ? "" : userId)
                .param("start", startTime == null ? clock.millis() : startTime)
                .param("artifactUri", "/api/v1/registry/runs/" + runId + "/artifacts")
                .update();
        Map<String, String> allTags = new LinkedHashMap<>(tags);
        allTags.putIfAbsent("mlflow.runName", name);
        if (userId != null && !userId.isEmpty()) {
            allTags.putIfAbsent("mlflow.user", userId);
        }
        allTags.forEach((key, value) -> setTagUnchecked(runId, key, value));
        Run run = get(runId);
        audit.record("run.created", "run", runId, null, run.info(), null);
        return run;
    }

    @Transactional(readOnly = true)
    public Run get(String runId) {
        Run.Info info = info(runId);
        return withData(List.of(info)).getFirst();
    }

    @Transactional(readOnly = true)
    public Run.Info info(String runId) {
        Names.required("run_id", runId);
        return jdbc.sql("select * from run where run_id = :id").param("id", runId).query(Runs::info).optional()
                .orElseThrow(() -> new RunNotFound(runId));
    }

    @Transactional(readOnly = true)
    public Map<String, String> tags(String runId) {
        return get(runId).tags();
    }

    @Transactional
    public Run.Info update(String runId, String status, Long endTime, String runName) {
        Run.Info before = info(runId);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInput("status", "Invalid value '" + status + "' for parameter 'status': expected one of "
                    + STATUSES);
        }
        jdbc.sql("""
                update run set status = coalesce(:status, status), end_time = coalesce(:endTime, end_time),
                run_name = coalesce(:runName, run_name) where run_id = :id""")
                .param("status", status).param("endTime", endTime)
                .param("runName", runName == null || runName.isEmpty() ? null : runName).param("id", runId).update();
        if (runName != null && !runName.isEmpty()) {
            setTagUnchecked(runId, "mlflow.runName", runName);
        }
        Run.Info after = info(runId);
        audit.record("run.updated", "run", runId, before, after, null);
        return after;
    }

    @Transactional
    public void delete(String runId) {
        lifecycle(runId, "deleted");
    }

    @Transactional
    public void restore(String runId) {
        lifecycle(runId, "active");
    }

    private void lifecycle(String runId, String stage) {
        Run.Info before = info(runId);
        jdbc.sql("update run set lifecycle_stage = :stage where run_id = :id").param("stage", stage).param("id", runId)
                .update();
        audit.record(stage.equals("deleted") ? "run.deleted" : "run.restored", "run", runId, before, info(runId), null);
    }

    @Transactional
    public void logMetric(String runId, String key, double value, Long timestamp, Long step) {
        logBatch(runId, List.of(new Run.Metric(key, value, timestamp == null ? clock.millis() : timestamp,
                step == null ? 0 : step)), List.of(), List.of());
    }

    @Transactional
    public void logParam(String runId, String key, String value) {
        logBatch(runId, List.of(), List.of(new Run.Param(key, value)), List.of());
    }

    @Transactional
    public void setTag(String runId, String key, String value) {
        logBatch(runId, List.of(), List.of(), List.of(new Run.Tag(key, value)));
    }

    @Transactional
    public void deleteTag(String runId, String key) {
        requireActive(runId);
        int deleted = jdbc.sql("delete from run_tag where run_id = :id and key = :key").param("id", runId)
                .param("key", key).update();
        if (deleted == 0) {
            throw new io.vishwaops.problems.NotFound("tag", key + "' on run '" + runId);
        }
    }

    /**
     * Logs metrics, params and tags at once, all or nothing, within MLflow's limits. A param logged again
     * with the same value is accepted, with a different value refused (params are immutable).
     */
    @Transactional
    public void logBatch(String runId, List<Run.Metric> metrics, List<Run.Param> params, List<Run.Tag> tags) {
        checkLimits(metrics.size(), params.size(), tags.size());
        for (Run.Metric metric : metrics) {
            Names.key("Metric", metric.key());
        }
        for (Run.Param param : params) {
            Names.key("Param", param.key());
            Names.value("Param", param.key(), param.value(), Names.MAX_PARAM_VALUE_LENGTH);
        }
        for (Run.Tag tag : tags) {
            Names.key("Tag", tag.key());
            Names.value("Tag", tag.key(), tag.value(), Names.MAX_TAG_VALUE_LENGTH);
        }
        requireActive(runId);
        if (!params.isEmpty()) {
            logParams(runId, params);
        }
        if (!metrics.isEmpty()) {
            logMetrics(runId, metrics);
        }
        for (Run.Tag tag : tags) {
            setTagUnchecked(runId, tag.key(), tag.value());
        }
    }

    public static void checkLimits(int metrics, int params, int tags) {
        if (metrics > MAX_METRICS_PER_BATCH) {
            throw new InvalidInput("metrics", "A batch logging request can contain at most " + MAX_METRICS_PER_BATCH
                    + " metrics. Got " + metrics + " metrics. Please split up metrics across multiple requests and try again.");
        }
        if (params > MAX_PARAMS_TAGS_PER_BATCH) {
            throw new InvalidInput("params", "A batch logging request can contain at most " + MAX_PARAMS_TAGS_PER_BATCH
                    + " params. Got " + params + " params. Please split up params across multiple requests and try again.");
        }
        if (tags > MAX_PARAMS_TAGS_PER_BATCH) {
            throw new InvalidInput("tags", "A batch logging request can contain at most " + MAX_PARAMS_TAGS_PER_BATCH
                    + " tags. Got " + tags + " tags. Please split up tags across multiple requests and try again.");
        }
        if (metrics + params + tags > MAX_ENTITIES_PER_BATCH) {
            throw new InvalidInput("metrics", "A batch logging request can contain at most " + MAX_ENTITIES_PER_BATCH
                    + " metrics, params and tags in total. Got " + (metrics + params + tags) + ".");
        }
    }

    private void logParams(String runId, List<Run.Param> params) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (Run.Param param : params) {
            String earlier = wanted.putIfAbsent(param.key(), param.value());
            if (earlier != null && !earlier.equals(param.value())) {
                throw new InvalidInput("params", "Duplicate parameter keys have been submitted: '" + param.key()
                        + "' with values '" + earlier + "' and '" + param.value() + "'.");
            }
        }
        batch.batchUpdate("insert into run_param (run_id, key, value) values (?, ?, ?) on conflict do nothing",
                wanted.entrySet().stream().map(e -> new Object[] {runId, e.getKey(), e.getValue()}).toList());
        jdbc.sql("select key, value from run_param where run_id = :id and key in (:keys)").param("id", runId)
                .param("keys", List.copyOf(wanted.keySet()))
                .query(rs -> {
                    String key = rs.getString(1);
                    String stored = rs.getString(2);
                    if (!stored.equals(wanted.get(key))) {
                        throw new InvalidInput("params", "Changing param values is not allowed. Param with key='" + key
                                + "' was already logged with value='" + stored + "' for run ID='" + runId
                                + "'. Attempted logging new value '" + wanted.get(key) + "'.");
                    }
                });
    }

    private void logMetrics(String runId, List<Run.Metric> metrics) {
        batch.batchUpdate("insert into metric (run_id, key, value, timestamp, step, is_nan) values (?, ?, ?, ?, ?, ?)",
                metrics.stream().map(m -> new Object[] {runId, m.key(), Double.isNaN(m.value()) ? 0.0 : m.value(),
                        m.timestamp(), m.step(), Double.isNaN(m.value())}).toList());
        Map<String, Run.Metric> latest = new HashMap<>();
        for (Run.Metric metric : metrics) {
            latest.merge(metric.key(), metric, (a, b) -> later(b, a) ? b : a);
        }
        batch.batchUpdate("""
                insert into latest_metric (run_id, key, value, timestamp, step, is_nan) values (?, ?, ?, ?, ?, ?)
                on conflict (run_id, key) do update set value = excluded.value, timestamp = excluded.timestamp,
                  step = excluded.step, is_nan = excluded.is_nan
                where (excluded.step, excluded.timestamp, excluded.value)
                   >= (latest_metric.step, latest_metric.timestamp, latest_metric.value)""",
                latest.values().stream().map(m -> new Object[] {runId, m.key(), Double.isNaN(m.value()) ? 0.0 : m.value(),
                        m.timestamp(), m.step(), Double.isNaN(m.value())}).toList());
    }

    private static boolean later(Run.Metric a, Run.Metric b) {
        if (a.step() != b.step()) {
            return a.step() > b.step();
        }
        if (a.timestamp() != b.timestamp()) {
            return a.timestamp() > b.timestamp();
        }
        return a.value() >= b.value();
    }

    private void setTagUnchecked(String runId, String key, String value) {
        jdbc.sql("""
                insert into run_tag (run_id, key, value) values (:id, :key, :value)
                on conflict (run_id, key) do update set value = excluded.value""")
                .param("id", runId).param("key", key).param("value", value).update();
        if (key.equals("mlflow.runName")) {
            jdbc.sql("update run set run_name = :name where run_id = :id and run_name <> :name")
                    .param("name", value).param("id", runId).update();
        }
    }

    private void requireActive(String runId) {
        String stage = jdbc.sql("select lifecycle_stage from run where run_id = :id").param("id", runId)
                .query(String.class).optional().orElseThrow(() -> new RunNotFound(runId));
        if (!stage.equals("active")) {
            throw new InvalidInput("run_id", "The run " + runId + " must be in the 'active' state. Current state is "
                    + stage + ".");
        }
    }

    @Transactional(readOnly = true)
    public List<Run.Metric> metricHistory(String runId, String key) {
        info(runId);
        Names.required("metric_key", key);
        return jdbc.sql("""
                select key, case when is_nan then 'NaN'::float8 else value end as value, timestamp, step from metric
                where run_id = :id and key = :key order by step, timestamp""")
                .param("id", runId).param("key", key)
                .query((rs, n) -> new Run.Metric(rs.getString(1), rs.getDouble(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** MLflow's runs/search: filter over metrics, params, tags and attributes, ordered, paged. */
    @Transactional(readOnly = true)
    public Page<Run> search(List<String> experimentIds, String filter, String viewType, int maxResults,
            List<String> orderBy, String pageToken) {
        if (experimentIds.isEmpty()) {
            throw new InvalidInput("experiment_ids", "Missing value for required parameter 'experiment_ids'.");
        }
        List<Long> ids = new ArrayList<>();
        for (String id : experimentIds) {
            try {
                ids.add(Long.parseLong(id));
            }
            catch (NumberFormatException ex) {
                throw new InvalidInput("experiment_ids", "Invalid experiment id '" + id + "'");
            }
        }
        SqlFilter sql = new SqlFilter();
        sql.and("r.experiment_id in (" + sql.param(ids) + ")");
        switch (viewType == null ? "ACTIVE_ONLY" : viewType.toUpperCase(Locale.ROOT)) {
            case "ACTIVE_ONLY" -> sql.and("r.lifecycle_stage = 'active'");
            case "DELETED_ONLY" -> sql.and("r.lifecycle_stage = 'deleted'");
            case "ALL" -> {
            }
            default -> throw new InvalidInput("run_view_type", "Invalid run_view_type '" + viewType
                    + "'; expected ACTIVE_ONLY, DELETED_ONLY or ALL");
        }
        for (SearchFilter.Clause clause : SearchFilter.parse(filter)) {
            switch (clause.kind()) {
                case METRIC -> sql.and("exists (select 1 from latest_metric m where m.run_id = r.run_id and m.key = "
                        + sql.param(clause.key()) + " and not m.is_nan and m.value " + clause.op() + " "
                        + sql.param(clause.number()) + ")");
                case PARAM -> sql.and(keyValue("run_param", clause, sql));
                case TAG -> sql.and(keyValue("run_tag", clause, sql));
                case ATTRIBUTE -> sql.and(attribute(clause, sql));
            }
        }
        StringBuilder joins = new StringBuilder();
        List<String> order = new ArrayList<>();
        int n = 0;
        for (String entry : orderBy) {
            SearchFilter.Order o = SearchFilter.order(entry);
            String direction = o.ascending() ? " asc nulls last" : " desc nulls last";
            String alias = "o" + n++;
            switch (o.kind()) {
                case METRIC -> {
                    joins.append(" left join latest_metric ").append(alias).append(" on ").append(alias)
                            .append(".run_id = r.run_id and ").append(alias).append(".key = ").append(sql.param(o.key()));
                    order.add(alias + ".value" + direction);
                }
                case PARAM, TAG -> {
                    String table = o.kind() == SearchFilter.Kind.PARAM ? "run_param" : "run_tag";
                    joins.append(" left join ").append(table).append(' ').append(alias).append(" on ").append(alias)
                            .append(".run_id = r.run_id and ").append(alias).append(".key = ").append(sql.param(o.key()));
                    order.add(alias + ".value" + direction);
                }
                case ATTRIBUTE -> order.add("r." + attributeColumn(o.key()) + direction);
            }
        }
        if (orderBy.isEmpty()) {
            order.add("r.start_time desc");
        }
        order.add("r.run_id asc");
        int offset = PageToken.offset(pageToken);
        List<Run.Info> infos = jdbc.sql("select r.* from run r" + joins + " where true" + sql.where() + " order by "
                + String.join(", ", order) + " limit :limit offset :offset")
                .params(sql.params()).param("limit", maxResults + 1).param("offset", offset)
                .query(Runs::info).list();
        Page<Run.Info> page = PageToken.page(infos, offset, maxResults);
        return new Page<>(withData(page.items()), page.nextPageToken());
    }

    private static String keyValue(String table, SearchFilter.Clause clause, SqlFilter sql) {
        String condition = "exists (select 1 from " + table + " x where x.run_id = r.run_id and x.key = "
                + sql.param(clause.key()) + " and " + sql.compare("x.value", clause.op().equals("!=") ? "=" : clause.op(),
                        clause.string()) + ")";
        return clause.op().equals("!=") ? "exists (select 1 from " + table + " y where y.run_id = r.run_id and y.key = "
                + sql.param(clause.key()) + ") and not " + condition : condition;
    }

    private static String attribute(SearchFilter.Clause clause, SqlFilter sql) {
        String column = "r." + attributeColumn(clause.key());
        if (NUMBER_ATTRIBUTES.contains(clause.key())) {
            if (!Set.of("=", "!=", ">", ">=", "<", "<=").contains(clause.op())) {
                throw new InvalidInput("filter", "Invalid comparator '" + clause.op() + "' for attribute '"
                        + clause.key() + "'");
            }
            return column + " " + clause.op() + " " + sql.param((long) clause.number());
        }
        return switch (clause.op()) {
            case "IN" -> column + " in (" + sql.param(clause.list()) + ")";
            case "NOT IN" -> column + " not in (" + sql.param(clause.list()) + ")";
            default -> sql.compare(column, clause.op(), clause.string());
        };
    }

    private static String attributeColumn(String key) {
        String normalized = switch (key) {
            case "created", "Created" -> "start_time";
            case "run_name", "Run Name", "run name" -> "run_name";
            default -> key;
        };
        if (!STRING_ATTRIBUTES.contains(normalized) && !NUMBER_ATTRIBUTES.contains(normalized)) {
            throw new InvalidInput("filter", "Invalid attribute key '" + key + "' specified. Valid keys are "
                    + "['run_id', 'run_name', 'status', 'user_id', 'artifact_uri', 'lifecycle_stage', 'start_time', "
                    + "'end_time', 'created']");
        }
        return normalized;
    }

    private List<Run> withData(List<Run.Info> infos) {
        if (infos.isEmpty()) {
            return List.of();
        }
        List<String> ids = infos.stream().map(Run.Info::runId).toList();
        Map<String, List<Run.Metric>> metrics = new HashMap<>();
        jdbc.sql("""
                select run_id, key, case when is_nan then 'NaN'::float8 else value end, timestamp, step
                from latest_metric where run_id in (:ids) order by key""")
                .param("ids", ids)
                .query(rs -> {
                    metrics.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Run.Metric(rs.getString(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5)));
                });
        Map<String, Map<String, String>> params = keyValues("run_param", ids);
        Map<String, Map<String, String>> tags = keyValues("run_tag", ids);
        return infos.stream().map(info -> new Run(info, metrics.getOrDefault(info.runId(), List.of()),
                params.getOrDefault(info.runId(), Map.of()), tags.getOrDefault(info.runId(), Map.of()))).toList();
    }

    private Map<String, Map<String, String>> keyValues(String table, List<String> ids) {
        Map<String, Map<String, String>> values = new HashMap<>();
        jdbc.sql("select run_id, key, value from " + table + " where run_id in (:ids) order by key").param("ids", ids)
                .query(rs -> {
                    values.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                });
        return values;
    }

    private static Run.Info info(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        long end = rs.getLong("end_time");
        Long endTime = rs.wasNull() ? null : end;
        return new Run.Info(rs.getString("run_id"), String.valueOf(rs.getLong("experiment_id")), rs.getString("run_name"),
                rs.getString("user_id"), rs.getString("status"), rs.getLong("start_time"), endTime,
                rs.getString("lifecycle_stage"), rs.getString("artifact_uri"));
    }
}

package io.vishwaops.training.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Table {@code training_job}, which is also the work queue. Every change a worker makes names the attempt it holds
 * ({@code worker}, {@code attempt}): a worker that was taken for dead and whose job went to another cannot overwrite
 * the other's work when it wakes up.
 */
@Repository
class JobStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    JobStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /** Inserts a queued job; empty when the pipeline already has a job for this trigger key. */
    Optional<TrainingJob> insert(UUID id, String pipeline, int pipelineVersion, String trigger, String triggerKey,
            String requestedBy, UUID snapshotId) {
        int inserted = jdbc.sql("""
                insert into training_job (id, pipeline, pipeline_version, status, trigger, trigger_key, requested_by,
                                          snapshot_id)
                values (:id, :pipeline, :version, 'queued', :trigger, :key, :by, :snapshot)
                on conflict (pipeline, trigger_key) do nothing""")
                .param("id", id).param("pipeline", pipeline).param("version", pipelineVersion)
                .param("trigger", trigger).param("key", triggerKey).param("by", requestedBy)
                .param("snapshot", snapshotId).update();
        return inserted == 0 ? Optional.empty() : find(id);
    }

    Optional<TrainingJob> findByTrigger(String pipeline, String triggerKey) {
        return jdbc.sql("select * from training_job where pipeline = :pipeline and trigger_key = :key")
                .param("pipeline", pipeline).param("key", triggerKey).query(this::map).optional();
    }

    boolean anyOnSnapshot(String pipeline, UUID snapshotId) {
        return jdbc.sql("select exists (select 1 from training_job where pipeline = :pipeline and snapshot_id = :snapshot)")
                .param("pipeline", pipeline).param("snapshot", snapshotId).query(Boolean.class).single();
    }

    Optional<TrainingJob> find(UUID id) {
        return jdbc.sql("select * from training_job where id = :id").param("id", id)
                .query(this::map).optional();
    }

    List<TrainingJob> list(String pipeline, String status, int offset, int limit) {
        return jdbc.sql("""
                select * from training_job
                where (cast(:pipeline as text) is null or pipeline = :pipeline)
                  and (cast(:status as text) is null or status = :status)
                order by created_at desc, id offset :offset limit :limit""")
                .param("pipeline", pipeline).param("status", status).param("offset", offset).param("limit", limit)
                .query(this::map).list();
    }

    Map<String, Long> countByStatus() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.sql("select status, count(*) from training_job group by status")
                .query((rs, row) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    /**
     * Takes the oldest queued job for {@code worker}: the row is locked with {@code SKIP LOCKED}, so replicas polling
     * at once each get a different job or none.
     */
    Optional<TrainingJob> claim(String worker) {
        return jdbc.sql("""
                update training_job set status = 'running', worker = :worker, attempt = attempt + 1,
                       heartbeat_at = now(), started_at = now(), trials_started_at = null, stage = 'starting',
                       stage_times = '{}', trials_done = 0, trials_total = 0
                where id = (select id from training_job where status = 'queued' order by created_at, id
                            for update skip locked limit 1)
                returning *""")
                .param("worker", worker).query(this::map).optional();
    }

    /**
     * Tells the queue the worker is alive. Empty when the job is no longer this worker's attempt (it was taken for
     * dead, cancelled while queued, or finished), else whether a cancel was asked for.
     */
    Optional<Boolean> heartbeat(UUID id, String worker, int attempt) {
        return jdbc.sql("""
                update training_job set heartbeat_at = now()
                where id = :id and worker = :worker and attempt = :attempt and status = 'running'
                returning cancel_requested""")
                .param("id", id).param("worker", worker).param("attempt", attempt)
                .query(Boolean.class).optional();
    }

    boolean update(Attempt attempt, String assignments, Map<String, Object> params) {
        var spec = jdbc.sql("update training_job set " + assignments
                + " where id = :id and worker = :worker and attempt = :attempt and status = 'running'")
                .param("id", attempt.jobId()).param("worker", attempt.worker()).param("attempt", attempt.number());
        for (Map.Entry<String, Object> p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        return spec.update() == 1;
    }

    /** Ends the attempt's job; false when the attempt no longer holds it. */
    boolean finish(Attempt attempt, JobStatus status, JsonNode result, String error) {
        return update(attempt, "status = :status, result = cast(:result as jsonb), error = :error, finished_at = now(), "
                + "heartbeat_at = now()", Map.of("status", status.word(),
                        "result", result == null ? "null" : json.writeValueAsString(result),
                        "error", error == null ? "" : error));
    }

    /** Cancels a queued job at once; a running one is flagged for its worker. Returns the job as it is then. */
    Optional<TrainingJob> requestCancel(UUID id) {
        jdbc.sql("""
                update training_job set status = 'cancelled', finished_at = now(), error = 'cancelled before it started'
                where id = :id and status = 'queued'""").param("id", id).update();
        jdbc.sql("update training_job set cancel_requested = true where id = :id and status = 'running'")
                .param("id", id).update();
        return find(id);
    }

    /**
     * Running jobs whose heartbeat is older than the lease, locked for the caller's transaction (one reaper per row
     * across replicas).
     */
    List<TrainingJob> stale(Duration lease) {
        return jdbc.sql("""
                select * from training_job
                where status = 'running' and heartbeat_at < now() - make_interval(secs => :lease)
                for update skip locked""")
                .param("lease", lease.toMillis() / 1000.0).query(this::map).list();
    }

    void requeue(UUID id, String reason) {
        jdbc.sql("""
                update training_job set status = 'queued', worker = null, heartbeat_at = null, stage = null,
                       error = :reason, trials_done = 0, trials_total = 0, trials_started_at = null
                where id = :id""").param("id", id).param("reason", reason).update();
    }

    void fail(UUID id, String reason) {
        jdbc.sql("""
                update training_job set status = 'failed', error = :reason, finished_at = now()
                where id = :id""").param("id", id).param("reason", reason).update();
    }

    private TrainingJob map(ResultSet rs, int row) throws SQLException {
        Instant startedAt = instant(rs, "started_at");
        Instant trialsStartedAt = instant(rs, "trials_started_at");
        String stage = rs.getString("stage");
        return new TrainingJob(rs.getObject("id", UUID.class), rs.getString("pipeline"), rs.getInt("pipeline_version"),
                JobStatus.of(rs.getString("status")), rs.getString("trigger"), rs.getString("trigger_key"),
                rs.getString("requested_by"), rs.getObject("snapshot_id", UUID.class), rs.getInt("attempt"),
                rs.getString("worker"), instant(rs, "heartbeat_at"), rs.getBoolean("cancel_requested"), stage,
                TrainingJob.Progress.of(rs.getInt("trials_done"), rs.getInt("trials_total"), trialsStartedAt,
                        clock.instant(), stage),
                inTimeOrder(node(rs.getString("stage_times"))), rs.getString("parent_run_id"), node(rs.getString("leaderboard")),
                node(rs.getString("result")),
                emptyToNull(rs.getString("error")), instant(rs, "created_at"), startedAt, instant(rs, "finished_at"));
    }

    /** PostgreSQL keeps jsonb keys in its own order; the stages read best in the order they ran. */
    private JsonNode inTimeOrder(JsonNode stages) {
        if (stages == null || !stages.isObject()) {
            return stages;
        }
        var ordered = json.createObjectNode();
        stages.properties().stream()
                .sorted(java.util.Map.Entry.comparingByValue(java.util.Comparator.comparing(
                        (JsonNode t) -> java.time.OffsetDateTime.parse(t.asString()))))
                .forEach(e -> ordered.put(e.getKey(),
                        java.time.OffsetDateTime.parse(e.getValue().asString()).toInstant().toString()));
        return ordered;
    }

    private JsonNode node(String text) {
        return text == null ? null : json.readTree(text);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}

package io.vishwaops.serving.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code serving.batch_job} table. */
@Repository
class BatchJobStore {

    private final JdbcClient jdbc;

    BatchJobStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String model, String version, String alias, String source, String snapshotId,
            String inputFile, String createdBy, Instant now) {
        jdbc.sql("""
                insert into batch_job (job_id, model, requested_version, requested_alias, source, snapshot_id,
                  input_file, status, created_by, created_at)
                values (:id, :model, :version, :alias, :source, :snapshot, :input, 'QUEUED', :by, :now)""")
                .param("id", id).param("model", model).param("version", version).param("alias", alias)
                .param("source", source).param("snapshot", snapshotId).param("input", inputFile)
                .param("by", createdBy).param("now", Timestamp.from(now)).update();
    }

    /** Marks a queued job running; false when another runner took it first. */
    boolean start(UUID id, String version, String resultFile, Instant now) {
        return jdbc.sql("""
                update batch_job set status = 'RUNNING', version = :version, result_file = :result, started_at = :now,
                  rows_scored = 0, rows_failed = 0
                where job_id = :id and status in ('QUEUED', 'RUNNING')""")
                .param("id", id).param("version", version).param("result", resultFile)
                .param("now", Timestamp.from(now)).update() == 1;
    }

    void progress(UUID id, long scored, long failed) {
        jdbc.sql("update batch_job set rows_scored = :scored, rows_failed = :failed where job_id = :id")
                .param("id", id).param("scored", scored).param("failed", failed).update();
    }

    void finish(UUID id, String status, long scored, long failed, String error, Instant now) {
        jdbc.sql("""
                update batch_job set status = :status, rows_scored = :scored, rows_failed = :failed, error = :error,
                  finished_at = :now
                where job_id = :id""")
                .param("id", id).param("status", status).param("scored", scored).param("failed", failed)
                .param("error", error).param("now", Timestamp.from(now)).update();
    }

    Optional<BatchJob> find(UUID id) {
        return jdbc.sql("select * from batch_job where job_id = :id").param("id", id).query(BatchJobStore::job).optional();
    }

    Optional<String> resultFile(UUID id) {
        return jdbc.sql("select result_file from batch_job where job_id = :id").param("id", id)
                .query(String.class).optional();
    }

    Optional<String> inputFile(UUID id) {
        return jdbc.sql("select input_file from batch_job where job_id = :id").param("id", id)
                .query(String.class).optional();
    }

    List<BatchJob> list(String model, int offset, int limit) {
        return jdbc.sql("""
                select * from batch_job where (cast(:model as text) is null or model = :model)
                order by created_at desc offset :offset limit :limit""")
                .param("model", model).param("offset", offset).param("limit", limit).query(BatchJobStore::job).list();
    }

    /** Jobs a stopped instance left queued or running: they are run again from the start. */
    List<UUID> unfinished() {
        return jdbc.sql("select job_id from batch_job where status in ('QUEUED', 'RUNNING') order by created_at")
                .query(UUID.class).list();
    }

    private static BatchJob job(ResultSet rs, int row) throws SQLException {
        return new BatchJob(rs.getObject("job_id", UUID.class), rs.getString("model"), rs.getString("requested_version"),
                rs.getString("requested_alias"), rs.getString("version"), rs.getString("source"),
                rs.getString("snapshot_id"), rs.getString("status"), rs.getLong("rows_scored"),
                rs.getLong("rows_failed"), rs.getString("error"), rs.getString("created_by"), instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}

package io.vishwaops.training.job;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;

import tools.jackson.databind.JsonNode;

/**
 * What a running job sees of its queue row: it reports its stage and progress through it, and learns through it that
 * it should stop (a cancel was asked for, or the job is no longer its worker's because it was taken for dead).
 */
public final class JobControl {

    private final Jobs jobs;
    private final Attempt attempt;
    private volatile boolean cancelRequested;
    private volatile boolean lost;

    JobControl(Jobs jobs, Attempt attempt) {
        this.jobs = jobs;
        this.attempt = attempt;
    }

    public Attempt attempt() {
        return attempt;
    }

    /** Whether the job should stop: cancelled, or no longer this worker's. */
    public boolean stopRequested() {
        return cancelRequested || lost;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public boolean lost() {
        return lost;
    }

    void cancel() {
        cancelRequested = true;
    }

    void lose() {
        lost = true;
    }

    /** Throws {@link CancellationException} when the job should stop: called between stages. */
    public void checkpoint() {
        if (stopRequested()) {
            throw new CancellationException(lost ? "the job is no longer this worker's" : "cancelled by request");
        }
    }

    public void stage(String stage) {
        checkpoint();
        String assignments = "stage = :stage, stage_times = stage_times || jsonb_build_object(cast(:stage as text), now())";
        record("selection".equals(stage) ? assignments + ", trials_started_at = now()" : assignments,
                Map.of("stage", stage));
    }

    public void snapshot(UUID snapshotId) {
        record("snapshot_id = :snapshot", Map.of("snapshot", snapshotId));
    }

    public void parentRun(String runId) {
        record("parent_run_id = :run", Map.of("run", runId));
    }

    public void trials(int done, int total) {
        record("trials_done = :done, trials_total = :total", Map.of("done", done, "total", total));
    }

    public void leaderboard(JsonNode leaderboard) {
        Map<String, Object> params = new HashMap<>();
        params.put("board", leaderboard.toString());
        record("leaderboard = cast(:board as jsonb)", params);
    }

    private void record(String assignments, Map<String, Object> params) {
        if (!jobs.record(attempt, assignments, params)) {
            lost = true;
        }
    }
}

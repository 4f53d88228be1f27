package io.vishwaops.training.job;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import tools.jackson.databind.JsonNode;

/**
 * A training job as its API shows it.
 *
 * @param trigger what started it: {@code rest}, {@code schedule}, {@code retraining}, {@code snapshot}
 * @param attempt how many times a worker has taken it up (more than one: a worker died and it was resumed)
 * @param stage what the job is doing now: {@code snapshot}, {@code rows}, {@code selection}, {@code final-fit},
 *        {@code registering}, {@code gate}
 * @param progress trials done of the total, and an estimate of the time left
 * @param stageStartedAt when each stage of the current attempt started: where the job's time went
 * @param leaderboard every finished trial, best first (growing while the search runs)
 * @param result the winner, its test metrics, its registered version and the gate's verdict
 */
public record TrainingJob(UUID id, String pipeline, int pipelineVersion, JobStatus status, String trigger,
        String triggerKey, String requestedBy, UUID snapshotId, int attempt, String worker, Instant heartbeatAt,
        boolean cancelRequested, String stage, Progress progress, JsonNode stageStartedAt, String parentRunId,
        JsonNode leaderboard,
        JsonNode result, String error, Instant createdAt, Instant startedAt, Instant finishedAt) {

    /**
     * @param etaSeconds estimated seconds left for the trials, from the mean trial time so far, or {@code null}
     */
    public record Progress(int trialsDone, int trialsTotal, Long etaSeconds) {

        static Progress of(int done, int total, Instant startedAt, Instant now, String stage) {
            Long eta = null;
            if ("selection".equals(stage) && done > 0 && total > done && startedAt != null) {
                long elapsed = Duration.between(startedAt, now).toMillis();
                eta = Math.round(elapsed / (double) done * (total - done) / 1000.0);
            }
            return new Progress(done, total, eta);
        }
    }

    @JsonIgnore
    public boolean isFinal() {
        return status.isFinal();
    }
}

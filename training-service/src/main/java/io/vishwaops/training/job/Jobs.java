package io.vishwaops.training.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.vishwaops.contracts.training.TrainingJobCompleted;
import io.vishwaops.contracts.training.TrainingJobFailed;
import io.vishwaops.messaging.Outbox;
import io.vishwaops.problems.Conflict;
import io.vishwaops.training.pipeline.Pipelines;
import io.vishwaops.training.pipeline.StoredPipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * Training jobs: submitted by any trigger, claimed by workers, finished with an event on
 * {@code vops.training-events} through the outbox, in the transaction that records the outcome.
 */
@Service
public class Jobs {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    private final JobStore store;
    private final Pipelines pipelines;
    private final Outbox outbox;

    Jobs(JobStore store, Pipelines pipelines, Outbox outbox) {
        this.store = store;
        this.pipelines = pipelines;
        this.outbox = outbox;
    }

    /** What a submission came to: the job, and whether it is new (false: the trigger had already made it). */
    public record Submitted(TrainingJob job, boolean created) {
    }

    /**
     * Queues a job of the pipeline's newest version.
     *
     * @param triggerKey unique per pipeline for triggers that may fire twice (a schedule slot, a request id), else null
     * @param snapshotId the snapshot to train on, or null to make a fresh one when the job starts
     */
    public Submitted submit(String pipeline, String trigger, String triggerKey, String requestedBy, UUID snapshotId) {
        StoredPipeline stored = pipelines.latest(pipeline);
        if (triggerKey != null) {
            Optional<TrainingJob> existing = store.findByTrigger(pipeline, triggerKey);
            if (existing.isPresent()) {
                return new Submitted(existing.get(), false);
            }
        }
        Optional<TrainingJob> inserted = store.insert(UUID.randomUUID(), pipeline, stored.version(), trigger,
                triggerKey, requestedBy, snapshotId);
        if (inserted.isPresent()) {
            log.info("Queued training job {} of pipeline {} v{} ({})", inserted.get().id(), pipeline, stored.version(),
                    trigger);
            return new Submitted(inserted.get(), true);
        }
        return new Submitted(store.findByTrigger(pipeline, triggerKey).orElseThrow(), false);
    }

    /** Whether a job of the pipeline already trains (or trained) on this snapshot, e.g. one that made it. */
    public boolean anyOnSnapshot(String pipeline, UUID snapshotId) {
        return store.anyOnSnapshot(pipeline, snapshotId);
    }

    public TrainingJob find(UUID id) {
        return store.find(id).orElseThrow(() -> new JobNotFound(id));
    }

    public List<TrainingJob> list(String pipeline, String status, int offset, int limit) {
        return store.list(pipeline, status, offset, limit);
    }

    public Map<String, Long> countByStatus() {
        return store.countByStatus();
    }

    /** Cancels a queued job at once, or asks a running job's worker to stop; a finished job is a conflict. */
    @Transactional
    public TrainingJob cancel(UUID id) {
        TrainingJob before = find(id);
        if (before.isFinal()) {
            throw new Conflict("training job " + id + " is already " + before.status().word());
        }
        TrainingJob after = store.requestCancel(id).orElseThrow(() -> new JobNotFound(id));
        if (after.status() == JobStatus.CANCELLED && before.status() == JobStatus.QUEUED) {
            outbox.append(after.pipeline(), new TrainingJobFailed(id, after.pipeline(), "cancelled before it started",
                    Instant.now()));
        }
        return after;
    }

    Optional<TrainingJob> claim(String worker) {
        return store.claim(worker);
    }

    Optional<Boolean> heartbeat(Attempt attempt) {
        return store.heartbeat(attempt.jobId(), attempt.worker(), attempt.number());
    }

    /** Records progress; false when the attempt no longer holds the job. */
    public boolean record(Attempt attempt, String assignments, Map<String, Object> params) {
        return store.update(attempt, assignments, params);
    }

    /** The job succeeded: its result, and {@code TrainingJobCompleted} in the same transaction. */
    @Transactional
    public boolean succeed(Attempt attempt, JsonNode result, TrainingJobCompleted event) {
        if (!store.finish(attempt, JobStatus.SUCCEEDED, result, null)) {
            return false;
        }
        outbox.append(event.pipeline(), event);
        return true;
    }

    /** The job failed, or stopped at a cancel ({@code cancelled}): {@code TrainingJobFailed} with the reason. */
    @Transactional
    public boolean fail(Attempt attempt, String pipeline, String reason, JsonNode partialResult, boolean cancelled) {
        if (!store.finish(attempt, cancelled ? JobStatus.CANCELLED : JobStatus.FAILED, partialResult, reason)) {
            return false;
        }
        outbox.append(pipeline, new TrainingJobFailed(attempt.jobId(), pipeline, reason, Instant.now()));
        return true;
    }

    /** A worker stopping hands its job back to the queue at once instead of leaving it to the lease. */
    @Transactional
    public void release(Attempt attempt) {
        if (store.heartbeat(attempt.jobId(), attempt.worker(), attempt.number()).isPresent()) {
            store.requeue(attempt.jobId(), "its worker " + attempt.worker() + " stopped during attempt "
                    + attempt.number());
        }
    }

    /**
     * Jobs whose worker stopped heart-beating for longer than the lease: queued again to be resumed, or failed once
     * they have had {@code maxAttempts}. Rows are locked with {@code SKIP LOCKED}, so replicas reaping at once never
     * handle one job twice.
     *
     * @return how many were re-queued and failed
     */
    @Transactional
    public int[] reap(java.time.Duration lease, int maxAttempts) {
        int requeued = 0;
        int failed = 0;
        for (TrainingJob job : store.stale(lease)) {
            String why = "worker " + job.worker() + " stopped heart-beating during attempt " + job.attempt()
                    + " (last heartbeat " + job.heartbeatAt() + ")";
            if (job.attempt() >= maxAttempts) {
                String reason = why + "; failed after " + job.attempt() + " attempts";
                store.fail(job.id(), reason);
                outbox.append(job.pipeline(), new TrainingJobFailed(job.id(), job.pipeline(), reason, Instant.now()));
                log.warn("Training job {} failed: {}", job.id(), reason);
                failed++;
            }
            else {
                store.requeue(job.id(), why + "; queued again");
                log.warn("Training job {} queued again: {}", job.id(), why);
                requeued++;
            }
        }
        return new int[] {requeued, failed};
    }
}

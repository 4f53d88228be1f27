package io.vishwaops.serving.batch;

import java.time.Instant;
import java.util.UUID;

/**
 * A batch prediction job as its caller sees it.
 *
 * @param version the version that scored (or scores) the rows, known once the job runs
 * @param source {@code snapshot} (rows of a feature-store snapshot) or {@code upload} (a CSV sent with the job)
 * @param status {@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
 * @param rowsFailed rows the model could not score (their result line carries the reason)
 */
public record BatchJob(UUID jobId, String model, String requestedVersion, String requestedAlias, String version,
        String source, String snapshotId, String status, long rowsScored, long rowsFailed, String error,
        String createdBy, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public boolean finished() {
        return status.equals("SUCCEEDED") || status.equals("FAILED");
    }
}

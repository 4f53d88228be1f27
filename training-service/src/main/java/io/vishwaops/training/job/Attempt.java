package io.vishwaops.training.job;

import java.util.UUID;

/** One worker's hold on a job: the job, the worker and which attempt it is. */
public record Attempt(UUID jobId, String worker, int number) {
}

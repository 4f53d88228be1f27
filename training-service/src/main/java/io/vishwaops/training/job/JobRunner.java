package io.vishwaops.training.job;

/** Runs one claimed job to its end; throws when it fails, {@code CancellationException} when it was told to stop. */
public interface JobRunner {

    void run(TrainingJob job, JobControl control);
}

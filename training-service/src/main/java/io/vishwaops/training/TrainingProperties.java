package io.vishwaops.training;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the training service.
 *
 * @param ingestionUrl where ingestion-service answers: dataset schemas (column names and types)
 * @param featureUrl where feature-service answers: snapshots and their rows
 * @param registryUrl where registry-service answers: runs, artifacts, versions, aliases
 * @param workers jobs this instance runs at once (each replica claims its own); 0: it runs none, and only serves the
 *        API, the triggers and the reaping of dead workers' jobs
 * @param trialThreads threads a job's model selection may use for its trials
 * @param pollInterval how often an idle worker looks for a queued job
 * @param heartbeatInterval how often a running job's worker says it is alive (and learns of a cancel)
 * @param lease how long a running job may go without a heartbeat before its worker is taken for dead
 * @param maxAttempts attempts a job gets; a job whose worker died this many times is failed, not queued again
 * @param scheduleCheckInterval how often cron schedules are looked at
 */
@ConfigurationProperties("vops.training")
public record TrainingProperties(
        @DefaultValue("http://localhost:8081") URI ingestionUrl,
        @DefaultValue("http://localhost:8083") URI featureUrl,
        @DefaultValue("http://localhost:8085") URI registryUrl,
        @DefaultValue("1") int workers,
        @DefaultValue("2") int trialThreads,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("60s") Duration scheduleCheckInterval) {
}

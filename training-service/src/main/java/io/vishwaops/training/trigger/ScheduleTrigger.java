package io.vishwaops.training.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.vishwaops.training.TrainingProperties;
import io.vishwaops.training.job.Jobs;
import io.vishwaops.training.pipeline.Pipelines;
import io.vishwaops.training.pipeline.StoredPipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Starts the jobs of pipelines with a cron schedule (UTC). Every replica checks; each slot is a job with trigger key
 * {@code schedule:<slot>}, unique per pipeline in the database, so a slot runs once however many replicas saw it and
 * however often they looked. A slot missed by more than two check intervals (the platform was down) is skipped, not
 * made up for.
 */
@Component
public class ScheduleTrigger implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduleTrigger.class);

    private final Pipelines pipelines;
    private final Jobs jobs;
    private final TrainingProperties properties;
    private ScheduledExecutorService scheduler;

    ScheduleTrigger(Pipelines pipelines, Jobs jobs, TrainingProperties properties) {
        this.pipelines = pipelines;
        this.jobs = jobs;
        this.properties = properties;
    }

    /** Starts the job of every slot that fell in the window before {@code now}; returns the jobs it created. */
    public List<UUID> check(Instant now) {
        List<UUID> started = new ArrayList<>();
        Duration window = properties.scheduleCheckInterval().multipliedBy(2);
        for (StoredPipeline pipeline : pipelines.all()) {
            String cron = pipeline.spec().schedule();
            if (cron == null || cron.isBlank()) {
                continue;
            }
            Instant slot = lastSlot(CronExpression.parse(cron), now, window);
            if (slot == null || slot.isBefore(pipeline.createdAt())) {
                continue;
            }
            var submitted = jobs.submit(pipeline.name(), "schedule", "schedule:" + slot, "schedule", null);
            if (submitted.created()) {
                log.info("Schedule '{}' of pipeline {} started job {} for slot {}", cron, pipeline.name(),
                        submitted.job().id(), slot);
                started.add(submitted.job().id());
            }
        }
        return started;
    }

    /** The latest time the expression fires in (now - window, now], or null. */
    static Instant lastSlot(CronExpression cron, Instant now, Duration window) {
        ZonedDateTime at = now.minus(window).atZone(ZoneOffset.UTC);
        Instant last = null;
        while (true) {
            ZonedDateTime next = cron.next(at);
            if (next == null || next.toInstant().isAfter(now)) {
                return last;
            }
            last = next.toInstant();
            at = next;
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("training-schedule").daemon()
                .factory());
        long every = properties.scheduleCheckInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                check(Instant.now());
            }
            catch (RuntimeException ex) {
                log.warn("Checking pipeline schedules failed (retried): {}", ex.getMessage());
            }
        }, Math.min(every, 5_000), every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}

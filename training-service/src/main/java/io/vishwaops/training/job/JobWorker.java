package io.vishwaops.training.job;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.training.TrainingProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Claims queued jobs and runs them, {@code vops.training.workers} at a time: polls the queue, keeps a heartbeat on
 * every job it runs (and learns of cancels from it), and reaps jobs of workers that died, in this or another replica.
 * Stopping hands running jobs back to the queue at once.
 */
@Component
public class JobWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    private final Jobs jobs;
    private final JobRunner runner;
    private final TrainingProperties properties;
    private final MeterRegistry meters;
    private final String id;
    private final Map<UUID, JobControl> running = new ConcurrentHashMap<>();
    private final AtomicReference<Map<String, Long>> counts = new AtomicReference<>(Map.of());
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;
    private volatile boolean active;

    JobWorker(Jobs jobs, JobRunner runner, TrainingProperties properties, MeterRegistry meters) {
        this.jobs = jobs;
        this.runner = runner;
        this.properties = properties;
        this.meters = meters;
        this.id = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("vops.training.jobs", counts, c -> c.get().getOrDefault(status.word(), 0L))
                    .description("Training jobs by status, over every replica").tag("status", status.word())
                    .register(meters);
        }
    }

    /** This worker's name in the queue ({@code worker} of the jobs it runs). */
    public String id() {
        return id;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newScheduledThreadPool(1, Thread.ofPlatform().name("training-queue").daemon().factory());
        workers = Executors.newFixedThreadPool(Math.max(1, properties.workers()),
                Thread.ofPlatform().name("training-job-", 0).daemon().factory());
        active = true;
        if (properties.workers() > 0) {
            every(properties.pollInterval(), this::poll);
        }
        every(properties.heartbeatInterval(), this::heartbeat);
        every(properties.heartbeatInterval(), this::reap);
        every(Duration.ofSeconds(10), this::count);
        log.info(properties.workers() > 0 ? "Training worker {} runs up to {} jobs at once"
                : "Training worker {} runs no jobs (workers = {}): it serves the API and reaps dead workers' jobs",
                id, properties.workers());
    }

    @Override
    public synchronized void stop() {
        active = false;
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        running.values().forEach(control -> {
            control.lose();
            try {
                jobs.release(control.attempt());
                log.info("Training job {} handed back to the queue: worker {} is stopping", control.attempt().jobId(), id);
            }
            catch (RuntimeException ex) {
                log.warn("Could not hand back job {}; the lease will: {}", control.attempt().jobId(), ex.getMessage());
            }
        });
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return active;
    }

    /** After the web server and the listeners have stopped, before the database goes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private void every(Duration interval, Runnable task) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            }
            catch (RuntimeException ex) {
                log.warn("Training queue upkeep failed (retried): {}", ex.getMessage());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void poll() {
        while (active && running.size() < properties.workers()) {
            Optional<TrainingJob> claimed = jobs.claim(id);
            if (claimed.isEmpty()) {
                return;
            }
            TrainingJob job = claimed.get();
            JobControl control = new JobControl(jobs, new Attempt(job.id(), id, job.attempt()));
            running.put(job.id(), control);
            log.info("Worker {} took training job {} of {} (attempt {})", id, job.id(), job.pipeline(), job.attempt());
            workers.execute(() -> run(job, control));
        }
    }

    private void run(TrainingJob job, JobControl control) {
        try {
            runner.run(job, control);
            finished("succeeded");
        }
        catch (CancellationException ex) {
            if (control.lost()) {
                log.info("Training job {} stopped: it is no longer worker {}'s", job.id(), id);
            }
            else {
                jobs.fail(control.attempt(), job.pipeline(), "cancelled by request during " + stageOf(job.id()), null,
                        true);
                finished("cancelled");
            }
        }
        catch (RuntimeException | LinkageError ex) {
            if (control.lost()) {
                log.info("Training job {} stopped: it is no longer worker {}'s ({})", job.id(), id, ex.getMessage());
            }
            else {
                log.warn("Training job {} failed", job.id(), ex);
                String reason = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
                jobs.fail(control.attempt(), job.pipeline(), reason, null, false);
                finished("failed");
            }
        }
        finally {
            running.remove(job.id());
        }
    }

    private String stageOf(UUID jobId) {
        try {
            String stage = jobs.find(jobId).stage();
            return stage == null ? "its start" : stage;
        }
        catch (RuntimeException ex) {
            return "its run";
        }
    }

    private void finished(String status) {
        Counter.builder("vops.training.jobs.finished").description("Training jobs this replica finished, by outcome")
                .tag("status", status).register(meters).increment();
    }

    void heartbeat() {
        running.values().forEach(control -> {
            Optional<Boolean> cancel = jobs.heartbeat(control.attempt());
            if (cancel.isEmpty()) {
                control.lose();
            }
            else if (cancel.get()) {
                control.cancel();
            }
        });
    }

    void reap() {
        int[] reaped = jobs.reap(properties.lease(), properties.maxAttempts());
        if (reaped[0] + reaped[1] > 0) {
            count();
        }
    }

    private void count() {
        counts.set(jobs.countByStatus());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (Exception ex) {
            return "training";
        }
    }
}

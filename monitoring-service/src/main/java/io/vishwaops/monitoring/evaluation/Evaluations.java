package io.vishwaops.monitoring.evaluation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.vishwaops.monitoring.MonitoringProperties;
import io.vishwaops.monitoring.drift.DriftEvaluator;
import io.vishwaops.monitoring.drift.DriftReport;
import io.vishwaops.monitoring.performance.Labels;
import io.vishwaops.monitoring.performance.LivePerformance;
import io.vishwaops.monitoring.performance.PerformanceReport;
import io.vishwaops.monitoring.policy.EffectivePolicy;
import io.vishwaops.monitoring.policy.Policies;
import io.vishwaops.monitoring.prediction.PredictionRetention;
import io.vishwaops.monitoring.window.MonitoredVersion;
import io.vishwaops.monitoring.window.Windows;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The monitoring round, every {@code vops.monitoring.evaluation-interval} and on demand: joins labels that waited
 * for their prediction, evaluates drift and live performance of every version with predictions in its window,
 * updates the gauges, and raises alerts and retraining requests by each model's policy. One round at a time.
 */
@Service
public class Evaluations implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Evaluations.class);

    private final Windows windows;
    private final DriftEvaluator drift;
    private final LivePerformance performance;
    private final Labels labels;
    private final PredictionRetention retention;
    private final Policies policies;
    private final Alerts alerts;
    private final MonitoringGauges gauges;
    private final MonitoringProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("monitoring-evaluation").daemon().factory());
    private final Map<String, DriftReport> latestDrift = new ConcurrentHashMap<>();
    private final Map<String, PerformanceReport> latestPerformance = new ConcurrentHashMap<>();

    Evaluations(Windows windows, DriftEvaluator drift, LivePerformance performance, Labels labels,
            PredictionRetention retention, Policies policies,
            Alerts alerts, MonitoringGauges gauges, MonitoringProperties properties) {
        this.windows = windows;
        this.drift = drift;
        this.performance = performance;
        this.labels = labels;
        this.retention = retention;
        this.policies = policies;
        this.alerts = alerts;
        this.gauges = gauges;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = properties.evaluationInterval().toMillis();
        schedule.scheduleWithFixedDelay(() -> {
            try {
                evaluateAll();
            } catch (RuntimeException e) {
                log.warn("Monitoring round failed; the next one runs in {}", properties.evaluationInterval(), e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        schedule.shutdownNow();
    }

    /** One round over every version; one version's failure does not stop the others. */
    public synchronized void evaluateAll() {
        Instant now = clock.instant();
        Instant oldestLabelled = now.minus(properties.performance().maxAge());
        retention.dropBefore(oldestLabelled);
        labels.joinParked(oldestLabelled);
        long oldest = now.minus(properties.window().maxAge()).toEpochMilli();
        List<DriftReport> driftReports = new ArrayList<>();
        List<PerformanceReport> performanceReports = new ArrayList<>();
        for (MonitoredVersion version : windows.all()) {
            String key = version.window().model() + '\u0000' + version.window().version();
            try {
                EffectivePolicy policy = policies.effective(version.window().model());
                if (version.window().lastAppendMillis() >= oldest || latestPerformance.containsKey(key)) {
                    PerformanceReport p = performance.evaluate(version.window().model(), version.window().version(),
                            version.bundle(), policy);
                    latestPerformance.put(key, p);
                    performanceReports.add(p);
                    alerts.onPerformance(p, version.bundle(), policy);
                }
                if (version.window().lastAppendMillis() < oldest) {
                    latestDrift.remove(key);
                    continue;
                }
                DriftReport d = drift.evaluate(version, policy, false).report();
                latestDrift.put(key, d);
                driftReports.add(d);
                alerts.onDrift(d, version.bundle(), policy);
            } catch (RuntimeException e) {
                log.warn("Could not evaluate {} version {}", version.window().model(), version.window().version(), e);
            }
        }
        gauges.update(driftReports, performanceReports);
    }

    /** The latest round's drift report of a version, if it was evaluated. */
    public Optional<DriftReport> latestDrift(String model, String version) {
        return Optional.ofNullable(latestDrift.get(model + '\u0000' + version));
    }
}

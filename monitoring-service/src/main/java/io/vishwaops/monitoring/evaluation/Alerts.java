package io.vishwaops.monitoring.evaluation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.contracts.monitoring.DriftDetected;
import io.vishwaops.contracts.monitoring.PerformanceDegraded;
import io.vishwaops.messaging.Outbox;
import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.monitoring.drift.ColumnDrift;
import io.vishwaops.monitoring.drift.DriftReport;
import io.vishwaops.monitoring.performance.PerformanceReport;
import io.vishwaops.monitoring.policy.EffectivePolicy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Turns evaluations into alerts, once per episode: an episode starts at the first evaluation that finds a version
 * drifted (or degraded) and ends at the first that finds it not, on a window large enough for a verdict. While it
 * lasts, the policy may ask for retraining (its cool-down and daily limit keep that rare).
 */
@Component
class Alerts {

    static final String DRIFT = "drift";
    static final String PERFORMANCE = "performance";

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Retraining retraining;
    private final MeterRegistry meters;
    private final JsonMapper json;

    Alerts(JdbcClient jdbc, Outbox outbox, Retraining retraining, MeterRegistry meters, JsonMapper json) {
        this.json = json;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.retraining = retraining;
        this.meters = meters;
    }

    @Transactional
    public void onDrift(DriftReport report, ModelBundle bundle, EffectivePolicy policy) {
        if (report.windowSize() < policy.minSamples()) {
            return;
        }
        boolean drifted = report.dataset().drifted();
        UUID alert = episode(report.model(), report.version(), DRIFT, drifted, report.evaluatedAt(),
                () -> new DriftDetected(report.model(), report.version(),
                        report.dataset().share(), report.columns().stream().filter(ColumnDrift::tested)
                                .map(c -> new DriftDetected.FeatureDrift(c.feature(), c.method(), c.score(),
                                        c.threshold(), c.drifted())).toList(),
                        report.windowSize(), report.evaluatedAt()));
        if (drifted && policy.retrainOnDrift()) {
            retraining.request(report.model(), report.version(), bundle, DRIFT, alert, policy, report.evaluatedAt());
        }
    }

    @Transactional
    public void onPerformance(PerformanceReport report, ModelBundle bundle, EffectivePolicy policy) {
        if (report.labelled() < policy.minLabelled()) {
            return;
        }
        boolean degraded = report.degraded();
        UUID alert = episode(report.model(), report.version(), PERFORMANCE, degraded, report.evaluatedAt(),
                () -> new PerformanceDegraded(report.model(), report.version(),
                        report.worst().name(), report.worst().live(), report.worst().test(), report.labelled(),
                        report.evaluatedAt()));
        if (degraded && policy.retrainOnDecay()) {
            retraining.request(report.model(), report.version(), bundle, PERFORMANCE, alert, policy,
                    report.evaluatedAt());
        }
    }

    /**
     * Moves the episode on; raises the alert when one starts, and keeps the alert's values with the episode (what a
     * person reads later: the values that raised it, not those of the latest evaluation). Returns the id of the
     * ongoing episode's alert.
     */
    private UUID episode(String model, String version, String kind, boolean active, Instant now,
            java.util.function.Supplier<? extends Record> raise) {
        var current = jdbc.sql("""
                select active, event_id from alert_episode where model = :m and version = :v and kind = :k for update""")
                .param("m", model).param("v", version).param("k", kind)
                .query((rs, i) -> new Object[] {rs.getBoolean(1), rs.getObject(2, UUID.class)}).optional();
        boolean wasActive = current.isPresent() && (Boolean) current.get()[0];
        if (active == wasActive) {
            return wasActive ? (UUID) current.get()[1] : null;
        }
        if (!active) {
            jdbc.sql("update alert_episode set active = false, ended_at = :at where model = :m and version = :v and kind = :k")
                    .param("at", Timestamp.from(now)).param("m", model).param("v", version).param("k", kind).update();
            return null;
        }
        Record alert = raise.get();
        UUID eventId = outbox.append(model, alert).eventId();
        jdbc.sql("""
                insert into alert_episode (model, version, kind, active, started_at, event_id, details)
                values (:m, :v, :k, true, :at, :e, cast(:details as jsonb))
                on conflict (model, version, kind) do update
                set active = true, started_at = excluded.started_at, ended_at = null, event_id = excluded.event_id,
                    details = excluded.details""")
                .param("m", model).param("v", version).param("k", kind).param("at", Timestamp.from(now))
                .param("e", eventId).param("details", json.writeValueAsString(alert)).update();
        Counter.builder("vops.monitoring.alerts").tag("kind", kind).description("Alerts raised, one per episode")
                .register(meters).increment();
        return eventId;
    }
}

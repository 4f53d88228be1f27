package io.vishwaops.monitoring.evaluation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vishwaops.contracts.monitoring.RetrainingRequested;
import io.vishwaops.messaging.Outbox;
import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.monitoring.policy.EffectivePolicy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The retraining half of a model's policy: asks training to retrain the pipeline that made the version, unless the
 * model was asked for within the cool-down or already as often as allowed in the last 24 hours. Runs inside the
 * caller's transaction; the request is recorded and sent through the outbox with it.
 */
@Component
class Retraining {

    private static final Logger log = LoggerFactory.getLogger(Retraining.class);

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final MeterRegistry meters;

    Retraining(JdbcClient jdbc, Outbox outbox, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.meters = meters;
    }

    /** @return the request's id, or null when the policy held it back */
    UUID request(String model, String version, ModelBundle bundle, String trigger, UUID cause, EffectivePolicy policy,
            Instant now) {
        String pipeline = bundle.provenance().pipeline();
        if (pipeline == null || pipeline.isBlank()) {
            return skipped(model, "no-pipeline", "its bundle names no training pipeline");
        }
        // one decision at a time per model, whichever instance evaluates it
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:m))").param("m", "retraining:" + model).query().listOfRows();
        Instant last = jdbc.sql("select max(requested_at) from retraining_request where model = :m").param("m", model)
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
        if (last != null && last.plus(policy.coolDown()).isAfter(now)) {
            return skipped(model, "cool-down", "the last request was at " + last);
        }
        long today = jdbc.sql("select count(*) from retraining_request where model = :m and requested_at > :since")
                .param("m", model).param("since", Timestamp.from(now.minusSeconds(86_400))).query(Long.class).single();
        if (today >= policy.maxPerDay()) {
            return skipped(model, "daily-limit", today + " requests in the last 24 hours");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into retraining_request (request_id, model, version, pipeline, trigger, cause, requested_at)
                values (:id, :m, :v, :p, :t, :c, :at)""")
                .param("id", id).param("m", model).param("v", version).param("p", pipeline).param("t", trigger)
                .param("c", cause).param("at", Timestamp.from(now)).update();
        outbox.append(pipeline, new RetrainingRequested(id, pipeline, model, trigger, cause, now));
        Counter.builder("vops.monitoring.retraining.requests").tag("trigger", trigger)
                .description("Retraining requests sent to training").register(meters).increment();
        log.info("Asked to retrain pipeline {} for {} version {} ({})", pipeline, model, version, trigger);
        return id;
    }

    private UUID skipped(String model, String reason, String detail) {
        Counter.builder("vops.monitoring.retraining.skipped").tag("reason", reason)
                .description("Retraining the policy held back").register(meters).increment();
        log.debug("Not retraining {}: {} ({})", model, reason, detail);
        return null;
    }
}

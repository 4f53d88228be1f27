package io.vishwaops.training.trigger;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.monitoring.RetrainingRequested;
import io.vishwaops.messaging.PoisonEvent;
import io.vishwaops.training.job.Jobs;
import io.vishwaops.training.pipeline.PipelineNotFound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Monitoring's requests to retrain: one job per request id (trigger key {@code retraining:<requestId>}), so a
 * redelivered request does not train twice. A request for a pipeline that does not exist, or anything else on the
 * topic, goes to {@code vops.retraining-requests.DLT}.
 */
@Component
class RetrainingRequestsListener {

    private static final Logger log = LoggerFactory.getLogger(RetrainingRequestsListener.class);

    private final Jobs jobs;

    RetrainingRequestsListener(Jobs jobs) {
        this.jobs = jobs;
    }

    @KafkaListener(id = "training-retraining-requests", topics = Topics.RETRAINING_REQUESTS)
    void on(EventEnvelope<?> event) {
        if (!(event.data() instanceof RetrainingRequested request)) {
            throw new PoisonEvent("unexpected event type " + event.type() + " on " + Topics.RETRAINING_REQUESTS);
        }
        String pipeline = request.pipeline() != null ? request.pipeline() : request.model();
        if (pipeline == null || request.requestId() == null) {
            throw new PoisonEvent("retraining request " + event.eventId() + " names no pipeline or has no request id");
        }
        try {
            var submitted = jobs.submit(pipeline, "retraining", "retraining:" + request.requestId(),
                    "monitoring:" + (request.trigger() == null ? "unknown" : request.trigger()), null);
            if (submitted.created()) {
                log.info("Retraining request {} ({}) started job {} of {}", request.requestId(), request.trigger(),
                        submitted.job().id(), pipeline);
            }
        }
        catch (PipelineNotFound ex) {
            throw new PoisonEvent("retraining request " + request.requestId() + ": " + ex.getMessage(), ex);
        }
    }
}

package io.vishwaops.training.trigger;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.Topics;
import io.vishwaops.contracts.datasets.SnapshotCreated;
import io.vishwaops.training.job.Jobs;
import io.vishwaops.training.pipeline.Pipelines;
import io.vishwaops.training.pipeline.StoredPipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A new snapshot of a dataset starts a job of every pipeline on it that asks for it ({@code retrainOnSnapshot}), on
 * that very snapshot; trigger key {@code snapshot:<id>} makes a redelivery harmless. A snapshot a job of the pipeline
 * made for itself (a REST or scheduled run) starts no second job. The topic's other events (definitions, batch
 * counts) are not training's concern.
 */
@Component
class SnapshotEventsListener {

    private static final Logger log = LoggerFactory.getLogger(SnapshotEventsListener.class);

    private final Pipelines pipelines;
    private final Jobs jobs;

    SnapshotEventsListener(Pipelines pipelines, Jobs jobs) {
        this.pipelines = pipelines;
        this.jobs = jobs;
    }

    @KafkaListener(id = "training-dataset-events", topics = Topics.DATASET_EVENTS)
    void on(EventEnvelope<?> event) {
        if (!(event.data() instanceof SnapshotCreated snapshot)) {
            return;
        }
        for (StoredPipeline pipeline : pipelines.all()) {
            if (pipeline.spec().retrainsOnSnapshot() && snapshot.dataset().equals(pipeline.spec().dataset())
                    && !jobs.anyOnSnapshot(pipeline.name(), snapshot.snapshotId())) {
                var submitted = jobs.submit(pipeline.name(), "snapshot", "snapshot:" + snapshot.snapshotId(),
                        "feature-service", snapshot.snapshotId());
                if (submitted.created()) {
                    log.info("Snapshot {} of {} started job {} of {}", snapshot.snapshotId(), snapshot.dataset(),
                            submitted.job().id(), pipeline.name());
                }
            }
        }
    }
}

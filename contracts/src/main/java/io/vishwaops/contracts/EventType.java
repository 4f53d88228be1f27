package io.vishwaops.contracts;

import io.vishwaops.contracts.datasets.DatasetDefined;
import io.vishwaops.contracts.datasets.SnapshotCreated;
import io.vishwaops.contracts.models.ModelAliasChanged;
import io.vishwaops.contracts.models.ModelVersionArchived;
import io.vishwaops.contracts.models.ModelVersionRegistered;
import io.vishwaops.contracts.monitoring.DriftDetected;
import io.vishwaops.contracts.monitoring.PerformanceDegraded;
import io.vishwaops.contracts.monitoring.RetrainingRequested;
import io.vishwaops.contracts.predictions.FeedbackReceived;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.contracts.predictions.PredictionsMade;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.contracts.records.RecordsIngested;
import io.vishwaops.contracts.records.QuarantineReleased;
import io.vishwaops.contracts.records.RecordQuarantined;
import io.vishwaops.contracts.records.RecordValidated;
import io.vishwaops.contracts.records.RecordsValidated;
import io.vishwaops.contracts.records.RecordsChecked;
import io.vishwaops.contracts.records.RecordsReceived;
import io.vishwaops.contracts.training.TrainingJobCompleted;
import io.vishwaops.contracts.training.TrainingJobFailed;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type: its logical token on the wire, the topic it travels on, its current schema version,
 * the record of its {@code data} and the JSON Schema of the whole envelope.
 */
public enum EventType {

    RECORD_INGESTED("record.ingested", Topics.RECORDS_INGESTED, 1, RecordIngested.class),
    RECORDS_INGESTED("records.ingested", Topics.RECORDS_INGESTED, 1, RecordsIngested.class),
    RECORD_VALIDATED("record.validated", Topics.RECORDS_VALIDATED, 1, RecordValidated.class),
    RECORDS_VALIDATED("records.validated", Topics.RECORDS_VALIDATED, 1, RecordsValidated.class),
    RECORD_QUARANTINED("record.quarantined", Topics.RECORDS_QUARANTINED, 1, RecordQuarantined.class),
    DATASET_DEFINED("dataset.defined", Topics.DATASET_EVENTS, 1, DatasetDefined.class),
    RECORDS_RECEIVED("records.received", Topics.DATASET_EVENTS, 1, RecordsReceived.class),
    RECORDS_CHECKED("records.checked", Topics.DATASET_EVENTS, 1, RecordsChecked.class),
    QUARANTINE_RELEASED("quarantine.released", Topics.DATASET_EVENTS, 1, QuarantineReleased.class),
    SNAPSHOT_CREATED("snapshot.created", Topics.DATASET_EVENTS, 1, SnapshotCreated.class),
    TRAINING_JOB_COMPLETED("training-job.completed", Topics.TRAINING_EVENTS, 1, TrainingJobCompleted.class),
    TRAINING_JOB_FAILED("training-job.failed", Topics.TRAINING_EVENTS, 1, TrainingJobFailed.class),
    MODEL_VERSION_REGISTERED("model-version.registered", Topics.MODEL_EVENTS, 1, ModelVersionRegistered.class),
    MODEL_ALIAS_CHANGED("model-alias.changed", Topics.MODEL_EVENTS, 1, ModelAliasChanged.class),
    MODEL_VERSION_ARCHIVED("model-version.archived", Topics.MODEL_EVENTS, 1, ModelVersionArchived.class),
    PREDICTION_MADE("prediction.made", Topics.PREDICTIONS, 1, PredictionMade.class),
    PREDICTIONS_MADE("predictions.made", Topics.PREDICTIONS, 1, PredictionsMade.class),
    FEEDBACK_RECEIVED("feedback.received", Topics.FEEDBACK, 1, FeedbackReceived.class),
    DRIFT_DETECTED("drift.detected", Topics.MONITORING_ALERTS, 1, DriftDetected.class),
    PERFORMANCE_DEGRADED("performance.degraded", Topics.MONITORING_ALERTS, 1, PerformanceDegraded.class),
    RETRAINING_REQUESTED("retraining.requested", Topics.RETRAINING_REQUESTS, 1, RetrainingRequested.class);

    private final String token;
    private final String topic;
    private final int schemaVersion;
    private final Class<? extends Record> dataType;

    EventType(String token, String topic, int schemaVersion, Class<? extends Record> dataType) {
        this.token = token;
        this.topic = topic;
        this.schemaVersion = schemaVersion;
        this.dataType = dataType;
    }

    public String token() {
        return token;
    }

    public String topic() {
        return topic;
    }

    /** The version producers write today; consumers accept versions up to it. */
    public int schemaVersion() {
        return schemaVersion;
    }

    public Class<? extends Record> dataType() {
        return dataType;
    }

    /** Classpath resource of the JSON Schema (draft 2020-12) of the whole envelope with this type's data. */
    public String schemaResource() {
        return "/vops/schemas/" + token + ".v" + schemaVersion + ".schema.json";
    }

    // looked up for every event a service sends or reads (a prediction, a chunk of records): one map read each,
    // not a stream over a copy of values()
    private static final class Index {
        static final Map<String, EventType> BY_TOKEN = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(EventType::token, Function.identity()));
        static final Map<Class<?>, EventType> BY_DATA = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(EventType::dataType, Function.identity()));
    }

    public static Optional<EventType> ofToken(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(Index.BY_TOKEN.get(token));
    }

    public static Optional<EventType> ofData(Class<?> dataType) {
        return dataType == null ? Optional.empty() : Optional.ofNullable(Index.BY_DATA.get(dataType));
    }
}

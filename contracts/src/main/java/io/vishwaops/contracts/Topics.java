package io.vishwaops.contracts;

import java.util.List;

/** Every Kafka topic of the platform (DESIGN §2). Names are the wire contract; never derive them from class names. */
public final class Topics {

    /** Plain JSON objects written by data engineers, one topic per dataset: {@code vops.raw.<dataset>}. */
    public static final String RAW_PREFIX = "vops.raw.";
    /** The subscription pattern that picks up every dataset's raw topic, including ones created later. */
    public static final String RAW_PATTERN = "vops\\.raw\\..+";

    public static final String RECORDS_INGESTED = "vops.records.ingested";
    public static final String RECORDS_VALIDATED = "vops.records.validated";
    public static final String RECORDS_QUARANTINED = "vops.records.quarantined";
    public static final String DATASET_EVENTS = "vops.dataset-events";
    public static final String TRAINING_EVENTS = "vops.training-events";
    public static final String MODEL_EVENTS = "vops.model-events";
    public static final String PREDICTIONS = "vops.predictions";
    public static final String FEEDBACK = "vops.feedback";
    public static final String MONITORING_ALERTS = "vops.monitoring-alerts";
    public static final String RETRAINING_REQUESTS = "vops.retraining-requests";

    /** Suffix of the dead-letter topic that each consumed topic has. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    /** The platform's own enveloped topics, in flow order. */
    public static final List<String> PLATFORM = List.of(
            RECORDS_INGESTED, RECORDS_VALIDATED, RECORDS_QUARANTINED, DATASET_EVENTS, TRAINING_EVENTS,
            MODEL_EVENTS, PREDICTIONS, FEEDBACK, MONITORING_ALERTS, RETRAINING_REQUESTS);

    private Topics() {
    }

    public static String raw(String dataset) {
        return RAW_PREFIX + dataset;
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}

package io.vishwaops.feature.trainingset;

import java.util.List;
import java.util.UUID;

/**
 * What a training set joins: each row of a label dataset with, per feature dataset, the feature values as of the
 * label's event time.
 *
 * @param labels where the labels are
 * @param features where the features are, at most 10 datasets
 * @param cutoff only labels whose event time is at or before it, or {@code null}: an ISO-8601 instant, or a
 *        date-time or date read as UTC
 */
public record TrainingSetSpec(Labels labels, List<Features> features, String cutoff) {

    /**
     * @param dataset a dataset with an entity key and an event-time column
     * @param column the column holding the label; rows where it is missing are left out
     * @param snapshotId only the label rows this snapshot of {@code dataset} holds, or {@code null}: every stored one
     */
    public record Labels(String dataset, String column, UUID snapshotId) {
    }

    /**
     * @param dataset a dataset with an entity key and an event-time column
     * @param features its columns and derived features to join, or {@code null}: every column but the entity key and
     *        the event time, then every derived feature, less any name the training set already has
     * @param snapshotId only feature rows this snapshot of {@code dataset} holds, or {@code null}: every stored one
     * @param maxAge an ISO-8601 duration: a feature row older than this at the label's event time is not joined, or
     *        {@code null}: however old
     */
    public record Features(String dataset, List<String> features, UUID snapshotId, String maxAge) {
    }
}

package io.vishwaops.serving.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vishwaops.mlcore.bundle.ModelBundle;
import io.vishwaops.mlcore.bundle.Prediction;

/**
 * One loaded model version. Immutable: a request keeps the object it started with, so an alias move never changes
 * the model under a request that is running.
 *
 * @param sha256 the bundle's sha-256 as the registry recorded it and the bytes were checked against
 */
public record ServedModel(String model, String version, ModelBundle bundle, String sha256, long sizeBytes,
        Instant loadedAt) {

    /** The model's answers for the rows, in their order, in one call of the model. */
    public List<Prediction> predict(List<? extends Map<String, ?>> rows) {
        return bundle.predict(rows);
    }
}

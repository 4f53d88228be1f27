package io.vishwaops.modelloading;

import io.vishwaops.mlcore.bundle.ModelBundle;

/** A bundle read from the registry, with the version it is and the sha-256 it was checked against. */
public record LoadedModel(ModelVersionRef ref, ModelBundle bundle, long sizeBytes) {
}

package io.vishwaops.feature.dataset;

/** A dataset's schema or derived features changed here: whatever was derived from them and kept must be read again. */
public record DatasetChanged(String dataset) {
}

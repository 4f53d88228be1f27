package io.vishwaops.ingestion.dataset;

import java.time.Instant;
import java.util.List;

import io.vishwaops.contracts.datasets.DatasetSchema;

/** One immutable version of a dataset's schema, as the API shows it. */
public record DatasetVersion(String name, int version, DatasetSchema schema, List<String> incompatibleChanges,
        String definedBy, Instant definedAt) {
}

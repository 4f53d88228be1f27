package io.vishwaops.ingestion.record;

import java.util.UUID;

import io.vishwaops.problems.NotFound;

class IngestionBatchNotFound extends NotFound {

    IngestionBatchNotFound(UUID batchId) {
        super("ingestion batch", batchId.toString());
    }
}

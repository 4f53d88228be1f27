package io.vishwaops.feature.offline;

import java.util.UUID;

import io.vishwaops.problems.NotFound;

class RecordNotFound extends NotFound {

    RecordNotFound(String dataset, UUID recordId) {
        super("record", dataset + "/" + recordId);
    }
}

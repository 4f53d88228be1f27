package io.vishwaops.ingestion.dataset;

import io.vishwaops.problems.NotFound;

class DatasetNotFound extends NotFound {

    DatasetNotFound(String name) {
        super("dataset", name);
    }

    DatasetNotFound(String name, int version) {
        super("dataset version", name + " v" + version);
    }
}

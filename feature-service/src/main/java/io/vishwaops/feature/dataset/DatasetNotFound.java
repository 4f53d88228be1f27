package io.vishwaops.feature.dataset;

import io.vishwaops.problems.NotFound;

/** No schema of the dataset has reached this service: it is not defined (or its definition is still on its way). */
public class DatasetNotFound extends NotFound {

    DatasetNotFound(String dataset) {
        super("dataset", dataset);
    }
}

package io.vishwaops.registry.experiment;

import io.vishwaops.problems.NotFound;

class ExperimentNotFound extends NotFound {

    ExperimentNotFound(String idOrName) {
        super("experiment", idOrName);
    }
}

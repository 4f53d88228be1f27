package io.vishwaops.registry.run;

import io.vishwaops.problems.NotFound;

class RunNotFound extends NotFound {

    RunNotFound(String runId) {
        super("run", runId);
    }
}

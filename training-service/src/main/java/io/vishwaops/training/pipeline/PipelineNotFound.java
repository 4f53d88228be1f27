package io.vishwaops.training.pipeline;

import io.vishwaops.problems.NotFound;

public class PipelineNotFound extends NotFound {

    public PipelineNotFound(String name) {
        super("pipeline", name);
    }
}

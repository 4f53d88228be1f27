package io.vishwaops.serving.batch;

import io.vishwaops.problems.NotFound;

public class BatchJobNotFound extends NotFound {

    public BatchJobNotFound(String id) {
        super("batch prediction job", id);
    }
}

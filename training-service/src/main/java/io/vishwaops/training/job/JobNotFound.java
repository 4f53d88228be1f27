package io.vishwaops.training.job;

import java.util.UUID;

import io.vishwaops.problems.NotFound;

public class JobNotFound extends NotFound {

    public JobNotFound(UUID id) {
        super("training job", id.toString());
    }
}

package io.vishwaops.registry.system;

import io.vishwaops.problems.Conflict;

/** A name is taken: MLflow answers RESOURCE_ALREADY_EXISTS, the native API 409. */
public class AlreadyExists extends Conflict {

    public AlreadyExists(String message) {
        super(message);
    }
}

package io.vishwaops.serving.model;

import io.vishwaops.problems.NotFound;

/** The registry knows no such model, alias or version. */
public class ModelNotFound extends NotFound {

    public ModelNotFound(String kind, String id) {
        super(kind, id);
    }
}

package io.vishwaops.registry.model;

import io.vishwaops.problems.NotFound;

class ModelNotFound extends NotFound {

    ModelNotFound(String name) {
        super("registered model", name);
    }

    ModelNotFound(String name, String version) {
        super("model version", name + "' version '" + version);
    }
}

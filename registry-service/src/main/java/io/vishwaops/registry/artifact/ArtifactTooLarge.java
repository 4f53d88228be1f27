package io.vishwaops.registry.artifact;

import io.vishwaops.problems.InvalidInput;
import io.vishwaops.registry.system.NativeErrors;

import org.springframework.http.HttpStatus;

/** An upload beyond {@code vops.registry.max-artifact-size}; nothing of it is kept. */
public class ArtifactTooLarge extends InvalidInput implements NativeErrors.Shaped {

    ArtifactTooLarge(String path, long limit) {
        super("body", "artifact '" + path + "' is larger than the limit of " + limit
                + " bytes (vops.registry.max-artifact-size)");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONTENT_TOO_LARGE;
    }
}

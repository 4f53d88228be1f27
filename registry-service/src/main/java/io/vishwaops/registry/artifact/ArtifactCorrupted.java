package io.vishwaops.registry.artifact;

import io.vishwaops.problems.ProblemDetailsAdvice;
import io.vishwaops.registry.system.NativeErrors;

import org.springframework.http.HttpStatus;

/** The stored bytes no longer hash to what was recorded: they are never served. */
public class ArtifactCorrupted extends RuntimeException implements NativeErrors.Shaped {

    ArtifactCorrupted(Artifact artifact, String actual) {
        super("artifact '" + artifact.path() + "' of " + artifact.ownerKind() + " '" + artifact.ownerId()
                + "' failed its integrity check: recorded sha-256 " + artifact.sha256() + ", stored bytes hash to "
                + actual);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    @Override
    public String problemType() {
        return ProblemDetailsAdvice.TYPE_BASE + "artifact-integrity";
    }
}

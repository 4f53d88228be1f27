package io.vishwaops.training.system;

/** A service training needs did not answer (or answered with a server error): worth retrying, not the caller's fault. */
public class DependencyUnavailable extends RuntimeException {

    private final String dependency;

    public DependencyUnavailable(String dependency, String message, Throwable cause) {
        super(dependency + " is unavailable: " + message, cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}

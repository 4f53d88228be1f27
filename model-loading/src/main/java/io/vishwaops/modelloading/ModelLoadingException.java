package io.vishwaops.modelloading;

/**
 * A model version that cannot be loaded: unknown to the registry, without a bundle, bytes that do not match the
 * recorded sha-256, or a bundle the allowlist refuses. The message says which; the caller keeps serving what it had.
 */
public class ModelLoadingException extends RuntimeException {

    private final Reason reason;

    public ModelLoadingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public ModelLoadingException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }

    /** Why, for metrics and status pages: one tag value each. */
    public enum Reason {
        NOT_FOUND, NO_BUNDLE, INTEGRITY, FORMAT, REGISTRY_UNAVAILABLE
    }
}

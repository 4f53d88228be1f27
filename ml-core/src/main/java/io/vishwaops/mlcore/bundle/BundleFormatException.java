package io.vishwaops.mlcore.bundle;

/** Bytes that are not a model bundle this code can read, or that hold a class outside the allowlist. */
public class BundleFormatException extends RuntimeException {

    public BundleFormatException(String message) {
        super(message);
    }

    public BundleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

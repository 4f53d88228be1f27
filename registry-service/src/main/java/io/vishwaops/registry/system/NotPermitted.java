package io.vishwaops.registry.system;

/** The caller may not do this (e.g. approve their own request). MLflow answers PERMISSION_DENIED, the native API 403. */
public class NotPermitted extends RuntimeException {

    public NotPermitted(String message) {
        super(message);
    }
}

package io.vishwaops.serving.model;

/**
 * The model exists but no version of it can answer now: its bundle failed to load, or the registry cannot be
 * reached to load it. Worth retrying; the message says why.
 */
public class ModelUnavailable extends RuntimeException {

    public ModelUnavailable(String message) {
        super(message);
    }
}

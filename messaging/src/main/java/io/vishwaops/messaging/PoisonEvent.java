package io.vishwaops.messaging;

/**
 * An event that can never be handled, whatever the retries: a contract violation such as an unknown
 * type or schema version, or data no handler can accept. It goes straight to the dead-letter topic.
 */
public class PoisonEvent extends RuntimeException {

    public PoisonEvent(String message) {
        super(message);
    }

    public PoisonEvent(String message, Throwable cause) {
        super(message, cause);
    }
}

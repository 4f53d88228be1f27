package io.vishwaops.problems;

/** The request contradicts what already exists, e.g. a name that is taken. */
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}

package io.vishwaops.cli;

/** A failure the user gets as one line and an exit code a shell can test; never a stack trace. */
class CliException extends RuntimeException {

    /** The platform refused the request (4xx). */
    static final int REFUSED = 1;
    /** The platform cannot be reached or failed (5xx). */
    static final int UNAVAILABLE = 3;
    /** A local file cannot be read or is not what it should be. */
    static final int BAD_FILE = 4;
    /** A job that was watched ended failed or cancelled. */
    static final int JOB_FAILED = 5;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}

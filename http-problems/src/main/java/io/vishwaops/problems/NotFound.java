package io.vishwaops.problems;

/** A thing the caller named does not exist. Services throw subclasses of it from their domain code. */
public class NotFound extends RuntimeException {

    private final String kind;
    private final String id;

    public NotFound(String kind, String id) {
        super(kind + " '" + id + "' does not exist");
        this.kind = kind;
        this.id = id;
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}

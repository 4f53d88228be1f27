package io.vishwaops.mlcore.pipeline;

/** A row the fitted pipeline cannot turn into features, naming the column: a wrong type, a refused unseen category, a missing required value. */
public class TransformException extends IllegalArgumentException {

    private final String column;

    public TransformException(String column, String message) {
        super(column + ": " + message);
        this.column = column;
    }

    public String column() {
        return column;
    }

    /** The problem without the column name. */
    public String problem() {
        return getMessage().substring(column.length() + 2);
    }
}

package io.vishwaops.mlcore.expression;

/**
 * An expression that cannot be compiled: it does not parse, names an unknown column or function, or combines values
 * of types that do not fit. {@link #position()} is where, counted in characters from 1.
 */
public class ExpressionException extends RuntimeException {

    private final int position;
    private final String reason;

    ExpressionException(int position, String reason) {
        super("position " + position + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    /** 1-based character position in the expression text. */
    public int position() {
        return position;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }
}

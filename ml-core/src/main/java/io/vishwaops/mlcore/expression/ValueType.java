package io.vishwaops.mlcore.expression;

/** The types an expression's values have. Dataset column types map onto them; see {@link #ofColumnType}. */
public enum ValueType {

    /** Integers and decimals alike, as doubles. */
    NUMBER,
    BOOLEAN,
    /** Categorical and free text. */
    TEXT,
    /** An instant, in UTC. */
    TIMESTAMP;

    /** The type of a dataset column type ({@code numeric}, {@code integer}, {@code categorical}, ...). */
    public static ValueType ofColumnType(String columnType) {
        return switch (columnType) {
            case "numeric", "integer" -> NUMBER;
            case "boolean" -> BOOLEAN;
            case "categorical", "text" -> TEXT;
            case "timestamp" -> TIMESTAMP;
            default -> throw new IllegalArgumentException("unknown column type '" + columnType + "'");
        };
    }

    /** The word a message uses for it. */
    public String word() {
        return switch (this) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case TEXT -> "text";
            case TIMESTAMP -> "a timestamp";
        };
    }
}

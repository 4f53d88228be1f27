package io.vishwaops.mlcore.pipeline;

/** A pipeline spec that cannot be fitted, naming the part of the spec at fault ({@code features[2]}, {@code columns.age.scale}). */
public class PipelineSpecException extends IllegalArgumentException {

    private final String field;

    public PipelineSpecException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** Where in the spec the problem is. */
    public String field() {
        return field;
    }
}

package io.vishwaops.problems;

import java.util.List;

/**
 * Input the domain refuses, with every offending place named: a field ({@code target}), a row
 * ({@code rows[3].age}) or a parameter, each with what is wrong with it.
 */
public class InvalidInput extends RuntimeException {

    /** One offending place. {@code pointer} names the field, row or parameter. */
    public record Error(String pointer, String message) {
    }

    private final List<Error> errors;
    private final java.util.Map<String, Object> properties = new java.util.LinkedHashMap<>();

    public InvalidInput(List<Error> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidInput(String pointer, String message) {
        this(List.of(new Error(pointer, message)));
    }

    public List<Error> errors() {
        return errors;
    }

    /** Adds a fact the caller needs beside the errors (e.g. what was accepted before the input broke). */
    public InvalidInput withProperty(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** Extra members of the problem, beside {@code errors}. */
    public java.util.Map<String, Object> properties() {
        return java.util.Collections.unmodifiableMap(properties);
    }

    private static String summary(List<Error> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("InvalidInput needs at least one error");
        }
        Error first = errors.getFirst();
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
        return first.pointer() + ": " + first.message() + more;
    }
}

package io.vishwaops.serving.inference;

import java.util.List;

/**
 * Rows a model cannot score, with every problem: the row (0-based, {@code null} for a problem of the request as a
 * whole), the field and what is wrong with it.
 */
public class InvalidRows extends RuntimeException {

    /** One problem: a missing, extra or mistyped field, a refused category, a malformed tensor. */
    public record Problem(Integer row, String field, String problem) {

        /** Where in the request, for clients that read the platform's {@code pointer} form. */
        public String pointer() {
            return row == null ? field : "rows[" + row + "]." + field;
        }
    }

    private final List<Problem> problems;

    public InvalidRows(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidRows(String field, String problem) {
        this(List.of(new Problem(null, field, problem)));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        Problem first = problems.getFirst();
        return (first.row() == null ? "" : "row " + first.row() + ": ") + first.field() + " " + first.problem()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }
}

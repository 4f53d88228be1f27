package io.vishwaops.mlcore.expression;

import java.util.Map;
import java.util.Set;

/**
 * A derived feature's formula, compiled against the columns it may use: {@code Dalc + Walc},
 * {@code if(absences > 10, "many", "few")}, {@code bucketize(age, 16, 18)}, {@code log(1 + absences)}.
 * It is parsed and type-checked once, at definition time, and evaluated by walking its tree: nothing in it is ever
 * run as code, and it can only read the row's values.
 *
 * <p>The language: numbers ({@code 3}, {@code 0.5}, {@code 1e-3}), text in single or double quotes, {@code true},
 * {@code false}; columns by name, or in backquotes when the name is not a plain identifier ({@code `first name`});
 * {@code + - * / % ^} on numbers; {@code < <= > >=} on numbers or timestamps; {@code == !=} on values of one type;
 * {@code and or not} (also {@code && || !}) on booleans; parentheses; and the functions {@code abs sqrt log exp
 * floor ceil round(x[, digits]) min max if(condition, then, else) coalesce is_missing bucketize(x, boundary...)
 * year month day hour weekday dayofyear days_between(from, to)}.
 *
 * <p>A missing value makes the result missing ({@code null}), except in {@code is_missing}, {@code coalesce}, and
 * {@code and}/{@code or} when the other side decides (SQL's three-valued logic). A result that is not a finite number
 * (a division by zero, the log of a negative number) is missing too, never an error.
 */
public final class Expression {

    private final String text;
    private final ValueType type;
    private final Compiler.Eval eval;
    private final Set<String> columns;

    Expression(String text, ValueType type, Compiler.Eval eval, Set<String> columns) {
        this.text = text;
        this.type = type;
        this.eval = eval;
        this.columns = columns;
    }

    /**
     * Parses and type-checks {@code text} against {@code columns} (name to type).
     *
     * @throws ExpressionException naming the position of the first problem
     */
    public static Expression compile(String text, Map<String, ValueType> columns) {
        return new Compiler(text, columns).compile();
    }

    public String text() {
        return text;
    }

    /** The type of the values it gives. */
    public ValueType type() {
        return type;
    }

    /** The columns it reads. */
    public Set<String> columns() {
        return columns;
    }

    /**
     * Its value for a row of column values: a {@code Double}, {@code Boolean}, {@code String} or
     * {@code java.time.Instant} as {@link #type()} says, or {@code null} when missing. Numbers may come as any
     * {@code Number}, timestamps as ISO-8601 text or epoch milliseconds.
     */
    public Object evaluate(Map<String, ?> row) {
        return eval.apply(row);
    }

    @Override
    public String toString() {
        return text;
    }
}

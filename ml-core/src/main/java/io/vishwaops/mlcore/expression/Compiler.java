package io.vishwaops.mlcore.expression;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToIntFunction;

import io.vishwaops.mlcore.expression.Lexer.Kind;
import io.vishwaops.mlcore.expression.Lexer.Token;

import static io.vishwaops.mlcore.expression.ValueType.BOOLEAN;
import static io.vishwaops.mlcore.expression.ValueType.NUMBER;
import static io.vishwaops.mlcore.expression.ValueType.TEXT;
import static io.vishwaops.mlcore.expression.ValueType.TIMESTAMP;

/**
 * Parses by recursive descent and type-checks as it goes, turning each node into a typed evaluator. Precedence,
 * loosest first: {@code or}, {@code and}, {@code not}, comparisons (not chained), {@code + -}, {@code * / %}, unary
 * minus, {@code ^} (right-associative), then literals, columns, calls and parentheses.
 */
final class Compiler {

    /** Evaluates a node for a row. */
    interface Eval {
        Object apply(Map<String, ?> row);
    }

    /** A compiled node: its type, where it starts, how to evaluate it, and its value if it is a constant. */
    record Typed(ValueType type, int position, Eval eval, Object constant, String shown) {

        static Typed constant(ValueType type, int position, Object value, String shown) {
            return new Typed(type, position, row -> value, value, shown);
        }
    }

    static final int MAX_LENGTH = 10_000;
    private static final int MAX_DEPTH = 100;
    private static final Set<String> FUNCTIONS = new TreeSet<>(List.of("abs", "sqrt", "log", "exp", "floor", "ceil",
            "round", "min", "max", "if", "coalesce", "is_missing", "bucketize", "year", "month", "day", "hour",
            "weekday", "dayofyear", "days_between"));

    private final String text;
    private final Map<String, ValueType> columns;
    private final Set<String> used = new TreeSet<>();
    private List<Token> tokens;
    private int next;
    private int depth;

    Compiler(String text, Map<String, ValueType> columns) {
        this.text = text;
        this.columns = columns;
    }

    Expression compile() {
        if (text == null || text.isBlank()) {
            throw new ExpressionException(1, "the expression is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionException(MAX_LENGTH + 1, "the expression is longer than " + MAX_LENGTH + " characters");
        }
        tokens = Lexer.tokens(text);
        Typed root = or();
        Token end = peek();
        if (end.kind() != Kind.END) {
            throw new ExpressionException(end.position(), "unexpected " + end.describe() + " after a complete expression");
        }
        return new Expression(text, root.type(), root.eval(), Set.copyOf(used));
    }

    // grammar

    private Typed or() {
        Typed left = and();
        while (peek().is("or") || peek().is("||")) {
            Token op = take();
            left = logical(op, left, and(), true);
        }
        return left;
    }

    private Typed and() {
        Typed left = not();
        while (peek().is("and") || peek().is("&&")) {
            Token op = take();
            left = logical(op, left, not(), false);
        }
        return left;
    }

    private Typed not() {
        if (peek().is("not") || peek().is("!")) {
            Token op = take();
            Typed operand = nested(this::not);
            require(operand, BOOLEAN, "'" + op.text() + "'");
            Eval e = operand.eval();
            return new Typed(BOOLEAN, op.position(), row -> {
                Object x = e.apply(row);
                return x == null ? null : !(Boolean) x;
            }, null, op.text() + " " + operand.shown());
        }
        return comparison();
    }

    private Typed comparison() {
        Typed left = additive();
        Token op = peek();
        if (op.kind() == Kind.SYMBOL && List.of("<", "<=", ">", ">=", "==", "!=").contains(op.text())) {
            take();
            Typed right = additive();
            Typed result = compare(op, left, right);
            Token after = peek();
            if (after.kind() == Kind.SYMBOL && List.of("<", "<=", ">", ">=", "==", "!=").contains(after.text())) {
                throw new ExpressionException(after.position(),
                        "comparisons do not chain: write 'a < b and b < c' instead of 'a < b < c'");
            }
            return result;
        }
        return left;
    }

    private Typed additive() {
        Typed left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            Token op = take();
            left = arithmetic(op, left, multiplicative());
        }
        return left;
    }

    private Typed multiplicative() {
        Typed left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            Token op = take();
            left = arithmetic(op, left, unary());
        }
        return left;
    }

    private Typed unary() {
        if (peek().is("-")) {
            Token op = take();
            Typed operand = nested(this::unary);
            require(operand, NUMBER, "'-'");
            if (operand.constant() != null) {
                return Typed.constant(NUMBER, op.position(), -(Double) operand.constant(), "-" + operand.shown());
            }
            Eval e = operand.eval();
            return new Typed(NUMBER, op.position(), row -> {
                Object x = e.apply(row);
                return x == null ? null : -(Double) x;
            }, null, "-" + operand.shown());
        }
        return power();
    }

    private Typed power() {
        Typed base = primary();
        if (peek().is("^")) {
            Token op = take();
            return arithmetic(op, base, nested(this::unary));
        }
        return base;
    }

    private Typed primary() {
        Token token = take();
        return switch (token.kind()) {
            case NUMBER -> {
                try {
                    yield Typed.constant(NUMBER, token.position(), Double.parseDouble(token.text()), token.text());
                }
                catch (NumberFormatException ex) {
                    throw new ExpressionException(token.position(), "'" + token.text() + "' is not a number");
                }
            }
            case STRING -> Typed.constant(TEXT, token.position(), token.text(), "'" + token.text() + "'");
            case QUOTED_IDENT -> column(token);
            case IDENT -> {
                if (peek().is("(")) {
                    yield call(token);
                }
                yield switch (token.text()) {
                    case "true" -> Typed.constant(BOOLEAN, token.position(), true, "true");
                    case "false" -> Typed.constant(BOOLEAN, token.position(), false, "false");
                    case "and", "or", "not" -> throw new ExpressionException(token.position(),
                            "'" + token.text() + "' needs a value before it" + (token.text().equals("not") ? "" : " and after it"));
                    default -> column(token);
                };
            }
            case SYMBOL -> {
                if (token.is("(")) {
                    Typed inner = nested(this::or);
                    expect(")", "to close the '(' at position " + token.position());
                    yield new Typed(inner.type(), token.position(), inner.eval(), inner.constant(),
                            "(" + inner.shown() + ")");
                }
                throw new ExpressionException(token.position(), "expected a value, a column or a function, not "
                        + token.describe());
            }
            case END -> throw new ExpressionException(token.position(), "the expression ends where a value is expected");
        };
    }

    private Typed column(Token token) {
        String name = token.text();
        ValueType type = columns.get(name);
        if (type == null) {
            throw new ExpressionException(token.position(), "unknown column '" + name + "'" + suggestion(name));
        }
        used.add(name);
        return new Typed(type, token.position(), row -> read(row.get(name), type), null, name);
    }

    private Typed call(Token name) {
        String function = name.text();
        if (!FUNCTIONS.contains(function)) {
            throw new ExpressionException(name.position(), "unknown function '" + function + "' (functions: "
                    + String.join(", ", FUNCTIONS) + ")");
        }
        take(); // (
        List<Typed> args = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                args.add(nested(this::or));
            } while (peek().is(",") && take() != null);
        }
        expect(")", "to close the call of " + function + " at position " + name.position());
        return Functions.call(function, name.position(), args, this);
    }

    // operators

    private Typed logical(Token op, Typed left, Typed right, boolean isOr) {
        require(left, BOOLEAN, "'" + op.text() + "'");
        require(right, BOOLEAN, "'" + op.text() + "'");
        Eval a = left.eval();
        Eval b = right.eval();
        Boolean decisive = isOr;
        return new Typed(BOOLEAN, left.position(), row -> {
            Object x = a.apply(row);
            if (decisive.equals(x)) {
                return decisive;
            }
            Object y = b.apply(row);
            if (decisive.equals(y)) {
                return decisive;
            }
            return x == null || y == null ? null : !decisive;
        }, null, left.shown() + " " + op.text() + " " + right.shown());
    }

    private Typed arithmetic(Token op, Typed left, Typed right) {
        require(left, NUMBER, "'" + op.text() + "'");
        require(right, NUMBER, "'" + op.text() + "'");
        DoubleBinaryOperator f = switch (op.text()) {
            case "+" -> Double::sum;
            case "-" -> (x, y) -> x - y;
            case "*" -> (x, y) -> x * y;
            case "/" -> (x, y) -> x / y;
            case "%" -> (x, y) -> x % y;
            case "^" -> Math::pow;
            default -> throw new IllegalStateException(op.text());
        };
        return numeric(left.position(), left.shown() + " " + op.text() + " " + right.shown(), f, left, right);
    }

    private Typed compare(Token op, Typed left, Typed right) {
        left = asTimestampIfText(left, right);
        right = asTimestampIfText(right, left);
        boolean equality = op.is("==") || op.is("!=");
        if (!equality && left.type() != NUMBER && left.type() != TIMESTAMP) {
            throw typeError(left, "'" + op.text() + "' compares numbers or timestamps");
        }
        if (left.type() != right.type()) {
            throw typeError(right, "'" + op.text() + "' compares values of one type, and its left side is "
                    + left.type().word());
        }
        Eval a = left.eval();
        Eval b = right.eval();
        String shown = left.shown() + " " + op.text() + " " + right.shown();
        ToIntFunction<Integer> test = switch (op.text()) {
            case "<" -> c -> c < 0 ? 1 : 0;
            case "<=" -> c -> c <= 0 ? 1 : 0;
            case ">" -> c -> c > 0 ? 1 : 0;
            case ">=" -> c -> c >= 0 ? 1 : 0;
            case "==" -> c -> c == 0 ? 1 : 0;
            default -> c -> c != 0 ? 1 : 0;
        };
        return new Typed(BOOLEAN, left.position(), row -> {
            Object x = a.apply(row);
            Object y = b.apply(row);
            if (x == null || y == null) {
                return null;
            }
            int c = equality ? (Objects.equals(x, y) ? 0 : 1) : compareValues(x, y);
            return test.applyAsInt(c) == 1;
        }, null, shown);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object x, Object y) {
        return ((Comparable) x).compareTo(y);
    }

    /** {@code at > '2026-01-01'}: a text constant beside a timestamp is read as one, when the expression is compiled. */
    Typed asTimestampIfText(Typed value, Typed other) {
        return value.type() == TEXT && other.type() == TIMESTAMP && value.constant() != null ? asTimestamp(value)
                : value;
    }

    private Typed asTimestamp(Typed value) {
        {
            String literal = (String) value.constant();
            Instant at = instant(literal);
            if (at == null) {
                throw new ExpressionException(value.position(), "'" + literal
                        + "' is compared with a timestamp but is not one (ISO-8601, e.g. 2026-03-14 or 2026-03-14T10:00:00Z)");
            }
            return Typed.constant(TIMESTAMP, value.position(), at, value.shown());
        }
    }

    // helpers shared with Functions

    Typed numeric(int position, String shown, DoubleBinaryOperator f, Typed left, Typed right) {
        Eval a = left.eval();
        Eval b = right.eval();
        return new Typed(NUMBER, position, row -> {
            Object x = a.apply(row);
            if (x == null) {
                return null;
            }
            Object y = b.apply(row);
            return y == null ? null : finite(f.applyAsDouble((Double) x, (Double) y));
        }, null, shown);
    }

    Typed numeric(int position, String shown, DoubleUnaryOperator f, Typed operand) {
        Eval a = operand.eval();
        return new Typed(NUMBER, position, row -> {
            Object x = a.apply(row);
            return x == null ? null : finite(f.applyAsDouble((Double) x));
        }, null, shown);
    }

    Typed typed(ValueType type, int position, String shown, Eval eval) {
        return new Typed(type, position, eval, null, shown);
    }

    /** {@code typed} as {@code type}, a text constant read as a timestamp where one is needed; else a type error. */
    Typed require(Typed typed, ValueType type, String what) {
        Typed value = type == TIMESTAMP && typed.type() == TEXT && typed.constant() != null ? asTimestamp(typed) : typed;
        if (value.type() != type) {
            throw typeError(value, what + " needs " + type.word());
        }
        return value;
    }

    ExpressionException typeError(Typed typed, String what) {
        return new ExpressionException(typed.position(), what + ", but " + typed.shown() + " is " + typed.type().word());
    }

    static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    static Double round(double x, int digits) {
        return finite(new BigDecimal(x).setScale(digits, RoundingMode.HALF_UP).doubleValue());
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        }
        catch (DateTimeException notInstant) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
            catch (DateTimeException notDateTime) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                }
                catch (DateTimeException notDate) {
                    return null;
                }
            }
        }
    }

    static ZonedDateTime utc(Instant at) {
        return at.atZone(ZoneOffset.UTC);
    }

    static double days(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 86_400_000.0;
    }

    /** A row's value as the column's type; a value that is not one (which validation would have refused) is missing. */
    private static Object read(Object value, ValueType type) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case NUMBER -> value instanceof Number n ? finite(n.doubleValue()) : null;
            case BOOLEAN -> value instanceof Boolean b ? b : null;
            case TEXT -> value instanceof String s ? s : value.toString();
            case TIMESTAMP -> value instanceof Instant at ? at
                    : value instanceof Number millis ? Instant.ofEpochMilli(millis.longValue())
                    : instant(value.toString());
        };
    }

    private Typed nested(java.util.function.Supplier<Typed> rule) {
        if (++depth > MAX_DEPTH) {
            throw new ExpressionException(peek().position(), "the expression nests deeper than " + MAX_DEPTH + " levels");
        }
        try {
            return rule.get();
        }
        finally {
            depth--;
        }
    }

    private String suggestion(String name) {
        return Suggestions.closest(name, columns.keySet()).map(c -> ": did you mean '" + c + "'?").orElse("");
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private void expect(String symbol, String why) {
        Token token = peek();
        if (!token.is(symbol)) {
            throw new ExpressionException(token.position(), "expected '" + symbol + "' " + why + ", found "
                    + token.describe());
        }
        take();
    }
}

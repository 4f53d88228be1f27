package io.vishwaops.registry.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.vishwaops.problems.InvalidInput;

/**
 * MLflow's search filter syntax: comparisons joined by {@code AND}, e.g.
 * {@code metrics.f1 > 0.8 and params.algorithm = 'xgboost' and tags."mlflow.user" LIKE 'ana%'}.
 * Keys may be quoted with backticks or double quotes; values are numbers, quoted strings or, for
 * {@code IN}, a parenthesised list of strings. A key without a prefix is an attribute ({@code name},
 * {@code run_id}). Anything else is refused with the position and what was expected.
 */
public final class SearchFilter {

    /** What a comparison is about. */
    public enum Kind { METRIC, PARAM, TAG, ATTRIBUTE }

    /** One comparison. {@code value} is a Double for numbers, a String, or a List of Strings for IN. */
    public record Clause(Kind kind, String key, String op, Object value) {

        public String string() {
            if (!(value instanceof String text)) {
                throw new InvalidInput("filter", "Expected a quoted string value for " + describe() + ", got " + value);
            }
            return text;
        }

        public double number() {
            if (!(value instanceof Double number)) {
                throw new InvalidInput("filter", "Expected numeric value type for " + describe() + ", got '" + value + "'");
            }
            return number;
        }

        @SuppressWarnings("unchecked")
        public List<String> list() {
            if (!(value instanceof List<?>)) {
                throw new InvalidInput("filter", "Expected a list of quoted strings such as ('a', 'b') for " + describe());
            }
            return (List<String>) value;
        }

        public String describe() {
            return kind.name().toLowerCase(Locale.ROOT) + " '" + key + "'";
        }
    }

    private static final Set<String> NUMERIC_OPS = Set.of("=", "!=", ">", ">=", "<", "<=");
    private static final Set<String> STRING_OPS = Set.of("=", "!=", "LIKE", "ILIKE");

    private final String text;
    private int pos;

    private SearchFilter(String text) {
        this.text = text;
    }

    public static List<Clause> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        return new SearchFilter(filter).clauses();
    }

    /** An order_by entry such as {@code metrics.f1 DESC}: the key and whether ascending. */
    public record Order(Kind kind, String key, boolean ascending) {
    }

    public static Order order(String orderBy) {
        SearchFilter parser = new SearchFilter(orderBy);
        Clause key = parser.key();
        parser.skipSpace();
        boolean ascending = true;
        String rest = orderBy.substring(parser.pos).strip().toUpperCase(Locale.ROOT);
        if (rest.equals("DESC")) {
            ascending = false;
        }
        else if (!rest.isEmpty() && !rest.equals("ASC")) {
            throw new InvalidInput("order_by", "Invalid order_by clause '" + orderBy
                    + "': expected a key optionally followed by ASC or DESC");
        }
        return new Order(key.kind(), key.key(), ascending);
    }

    private List<Clause> clauses() {
        List<Clause> clauses = new ArrayList<>();
        while (true) {
            Clause key = key();
            skipSpace();
            String op = operator();
            skipSpace();
            Object value = value();
            clauses.add(check(new Clause(key.kind(), key.key(), op, value)));
            skipSpace();
            if (pos >= text.length()) {
                return clauses;
            }
            String word = word();
            if (!word.equalsIgnoreCase("AND")) {
                throw error("expected AND (MLflow filters join comparisons with AND only) but found '" + word + "'");
            }
        }
    }

    private static Clause check(Clause clause) {
        switch (clause.kind()) {
            case METRIC -> {
                if (!NUMERIC_OPS.contains(clause.op())) {
                    throw new InvalidInput("filter", "Invalid comparator '" + clause.op() + "' not one of "
                            + NUMERIC_OPS + " for " + clause.describe());
                }
                clause.number();
            }
            case PARAM, TAG -> {
                if (!STRING_OPS.contains(clause.op())) {
                    throw new InvalidInput("filter", "Invalid comparator '" + clause.op() + "' not one of "
                            + STRING_OPS + " for " + clause.describe());
                }
                clause.string();
            }
            case ATTRIBUTE -> {
                // each search checks the attributes it knows
            }
        }
        return clause;
    }

    private Clause key() {
        skipSpace();
        int start = pos;
        String identifier = identifier();
        if (identifier.isEmpty()) {
            throw error("expected a key such as metrics.f1, params.alpha, tags.\"mlflow.user\" or an attribute");
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            Kind kind = switch (identifier.toLowerCase(Locale.ROOT)) {
                case "metric", "metrics" -> Kind.METRIC;
                case "param", "params", "parameter", "parameters" -> Kind.PARAM;
                case "tag", "tags" -> Kind.TAG;
                case "attribute", "attributes", "attr", "run" -> Kind.ATTRIBUTE;
                default -> {
                    pos = start;
                    throw error("Invalid entity type '" + identifier
                            + "'. Valid values are ['metric', 'parameter', 'tag', 'attribute']");
                }
            };
            String key = quotedOrBare();
            if (key.isEmpty()) {
                throw error("expected a key after '" + identifier + ".'");
            }
            return new Clause(kind, key, null, null);
        }
        return new Clause(Kind.ATTRIBUTE, identifier, null, null);
    }

    private String quotedOrBare() {
        if (pos < text.length() && (text.charAt(pos) == '`' || text.charAt(pos) == '"')) {
            return quoted(text.charAt(pos));
        }
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && "=!<>".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String operator() {
        for (String op : List.of(">=", "<=", "!=", "<>", "=", ">", "<")) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return op.equals("<>") ? "!=" : op;
            }
        }
        int start = pos;
        String word = word().toUpperCase(Locale.ROOT);
        switch (word) {
            case "LIKE", "ILIKE", "IN" -> {
                return word;
            }
            case "NOT" -> {
                skipSpace();
                if (word().equalsIgnoreCase("IN")) {
                    return "NOT IN";
                }
            }
            default -> {
            }
        }
        pos = start;
        throw error("expected a comparator (=, !=, >, >=, <, <=, LIKE, ILIKE, IN, NOT IN)");
    }

    private Object value() {
        if (pos >= text.length()) {
            throw error("expected a value");
        }
        char c = text.charAt(pos);
        if (c == '\'' || c == '"') {
            return quoted(c);
        }
        if (c == '(') {
            pos++;
            List<String> values = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
                    throw error("expected a quoted string in the list");
                }
                values.add(quoted(text.charAt(pos)));
                skipSpace();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                if (pos < text.length() && text.charAt(pos) == ')') {
                    pos++;
                    return values;
                }
                throw error("expected ',' or ')' in the list");
            }
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "+-.".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        String number = text.substring(start, pos);
        try {
            return Double.parseDouble(number);
        }
        catch (NumberFormatException ex) {
            pos = start;
            throw error("expected a number or a quoted string, found '" + number + "'");
        }
    }

    private String quoted(char quote) {
        int start = ++pos;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote) {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
                    value.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                return value.toString();
            }
            value.append(c);
            pos++;
        }
        pos = start - 1;
        throw error("unterminated quoted string");
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private InvalidInput error(String what) {
        return new InvalidInput("filter", "Invalid filter '" + text + "' at position " + pos + ": " + what);
    }
}

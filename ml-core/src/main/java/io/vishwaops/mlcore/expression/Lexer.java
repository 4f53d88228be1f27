package io.vishwaops.mlcore.expression;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens, each with its 1-based position. */
final class Lexer {

    enum Kind { NUMBER, STRING, IDENT, QUOTED_IDENT, SYMBOL, END }

    record Token(Kind kind, String text, int position) {

        boolean is(String symbol) {
            return (kind == Kind.SYMBOL || kind == Kind.IDENT) && text.equals(symbol);
        }

        String describe() {
            return switch (kind) {
                case END -> "the end of the expression";
                case STRING -> "the text '" + text + "'";
                case QUOTED_IDENT -> "`" + text + "`";
                default -> "'" + text + "'";
            };
        }
    }

    private static final List<String> SYMBOLS = List.of("<=", ">=", "==", "!=", "&&", "||", "+", "-", "*", "/", "%",
            "^", "(", ")", ",", "<", ">", "!", "=");

    private Lexer() {
    }

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int position = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            }
            else if (Character.isDigit(c) || c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                int start = i;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                    int mark = i++;
                    if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                        i++;
                    }
                    if (i < text.length() && Character.isDigit(text.charAt(i))) {
                        while (i < text.length() && Character.isDigit(text.charAt(i))) {
                            i++;
                        }
                    }
                    else {
                        i = mark;
                    }
                }
                String number = text.substring(start, i);
                if (number.indexOf('.') != number.lastIndexOf('.')) {
                    throw new ExpressionException(position, "'" + number + "' is not a number");
                }
                tokens.add(new Token(Kind.NUMBER, number, position));
            }
            else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENT, text.substring(start, i), position));
            }
            else if (c == '`') {
                int end = text.indexOf('`', i + 1);
                if (end < 0) {
                    throw new ExpressionException(position, "the column name quoted with ` is never closed");
                }
                tokens.add(new Token(Kind.QUOTED_IDENT, text.substring(i + 1, end), position));
                i = end + 1;
            }
            else if (c == '"' || c == '\'') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new ExpressionException(position, "the text starting here is never closed with " + c);
                    }
                    char d = text.charAt(i++);
                    if (d == c) {
                        break;
                    }
                    if (d == '\\' && i < text.length()) {
                        d = text.charAt(i++);
                    }
                    value.append(d);
                }
                tokens.add(new Token(Kind.STRING, value.toString(), position));
            }
            else {
                String symbol = null;
                for (String candidate : SYMBOLS) {
                    if (text.startsWith(candidate, i)) {
                        symbol = candidate;
                        break;
                    }
                }
                if (symbol == null) {
                    throw new ExpressionException(position, "unexpected character '" + c + "'");
                }
                if (symbol.equals("=")) {
                    throw new ExpressionException(position, "'=' is not an operator: compare with '=='");
                }
                tokens.add(new Token(Kind.SYMBOL, symbol, position));
                i += symbol.length();
            }
        }
        tokens.add(new Token(Kind.END, "", text.length() + 1));
        return tokens;
    }
}

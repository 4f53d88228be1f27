package io.vishwaops.mlcore.expression;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionTests {

    private static final Map<String, ValueType> STUDENT = Map.of(
            "Dalc", ValueType.NUMBER, "Walc", ValueType.NUMBER, "G1", ValueType.NUMBER, "G2", ValueType.NUMBER,
            "absences", ValueType.NUMBER, "school", ValueType.TEXT, "romantic", ValueType.BOOLEAN,
            "at", ValueType.TIMESTAMP, "first name", ValueType.TEXT);

    private static final Map<String, Object> ROW = Map.of("Dalc", 1, "Walc", 2L, "G1", 10, "G2", 12.5,
            "absences", 0, "school", "GP", "romantic", false, "at", "2026-03-14T10:00:00Z", "first name", "Ana");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Dalc + Walc | 3.0",
            "G2 - G1 | 2.5",
            "1 + 2 * 3 ^ 2 | 19.0",
            "-2 ^ 2 | -4.0",
            "(1 + 2) * 3 | 9.0",
            "10 % 4 | 2.0",
            "G1 / absences | ",
            "log(absences) | ",
            "log(1 + absences) | 0.0",
            "abs(G1 - G2) | 2.5",
            "round(G2 / 3, 2) | 4.17",
            "max(G1, G2, 11) | 12.5",
            "min(G1, G2) | 10.0",
            "if(G2 > G1, 1, 0) | 1.0",
            "bucketize(G1, 5, 10, 15) | 2.0",
            "bucketize(-1, 0, 10) | 0.0",
            "year(at) | 2026.0",
            "month(at) + day(at) | 17.0",
            "weekday(at) | 6.0",
            "days_between(at, '2026-03-15T22:00:00Z') | 1.5",
    })
    void numbers(String expression, Double expected) {
        Expression compiled = Expression.compile(expression, STUDENT);

        assertThat(compiled.type()).isEqualTo(ValueType.NUMBER);
        assertThat(compiled.evaluate(ROW)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "G2 > G1 | true",
            "school == 'GP' and not romantic | true",
            "school != \"GP\" or romantic | false",
            "at >= '2026-03-14' && at < '2026-03-15' | true",
            "is_missing(absences) | false",
            "`first name` == 'Ana' | true",
    })
    void booleans(String expression, boolean expected) {
        Expression compiled = Expression.compile(expression, STUDENT);

        assertThat(compiled.type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(compiled.evaluate(ROW)).isEqualTo(expected);
    }

    @Test
    void textAndTimestampResults() {
        assertThat(Expression.compile("if(absences > 10, 'many', 'few')", STUDENT).evaluate(ROW)).isEqualTo("few");
        Expression latest = Expression.compile("coalesce(at, '2026-01-01')", Map.of("at", ValueType.TIMESTAMP));
        assertThat(latest.type()).isEqualTo(ValueType.TIMESTAMP);
        assertThat(latest.evaluate(Map.of())).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void aMissingValueMakesTheResultMissingUnlessTheLogicIsDecided() {
        Map<String, Object> row = new HashMap<>(ROW);
        row.put("Walc", null);

        assertThat(Expression.compile("Dalc + Walc", STUDENT).evaluate(row)).isNull();
        assertThat(Expression.compile("Walc > 1 or Dalc == 1", STUDENT).evaluate(row)).isEqualTo(true);
        assertThat(Expression.compile("Walc > 1 and Dalc == 2", STUDENT).evaluate(row)).isEqualTo(false);
        assertThat(Expression.compile("Walc > 1 and Dalc == 1", STUDENT).evaluate(row)).isNull();
        assertThat(Expression.compile("coalesce(Walc, 0) + Dalc", STUDENT).evaluate(row)).isEqualTo(1.0);
        assertThat(Expression.compile("is_missing(Walc)", STUDENT).evaluate(row)).isEqualTo(true);
    }

    @Test
    void itNamesTheColumnsItReads() {
        assertThat(Expression.compile("G2 - G1 + 1", STUDENT).columns()).containsExactlyInAnyOrder("G1", "G2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Dalc + Walcc | 8 | unknown column 'Walcc': did you mean 'Walc'?",
            "school / 2 | 1 | '/' needs a number, but school is text",
            "G1 + romantic | 6 | '+' needs a number, but romantic is a boolean",
            "school > 'A' | 1 | '>' compares numbers or timestamps, but school is text",
            "G1 == school | 7 | '==' compares values of one type, and its left side is a number, but school is text",
            "if(G1, 1, 0) | 4 | if's condition needs a boolean, but G1 is a number",
            "if(romantic, 1, 'x') | 17 | if's two results must have one type, and the first is a number, but 'x' is text",
            "Dalc + | 7 | the expression ends where a value is expected",
            "(Dalc + Walc | 13 | expected ')' to close the '(' at position 1, found the end of the expression",
            "Dalc Walc | 6 | unexpected 'Walc' after a complete expression",
            "G1 = G2 | 4 | '=' is not an operator: compare with '=='",
            "1 < G1 < 5 | 8 | comparisons do not chain: write 'a < b and b < c' instead of 'a < b < c'",
            "exec('rm -rf /') | 1 | unknown function 'exec' (functions: abs, bucketize, ceil, coalesce, day, dayofyear, days_between, exp, floor, hour, if, is_missing, log, max, min, month, round, sqrt, weekday, year)",
            "log(G1, 2) | 1 | log takes 1 argument, not 2",
            "bucketize(G1, 10, 5) | 19 | bucketize's boundaries must increase, and 5 does not exceed the one before it",
            "bucketize(G1, G2) | 15 | bucketize's boundaries must be numbers written out, not G2",
            "at > 'yesterday' | 6 | 'yesterday' is compared with a timestamp but is not one (ISO-8601, e.g. 2026-03-14 or 2026-03-14T10:00:00Z)",
            "'open | 1 | the text starting here is never closed with '",
            "G1 # 2 | 4 | unexpected character '#'",
            "year(G1) | 6 | year needs a timestamp, but G1 is a number",
    })
    void mistakesAreNamedWithTheirPosition(String expression, int position, String reason) {
        assertThatThrownBy(() -> Expression.compile(expression, STUDENT))
                .isInstanceOfSatisfying(ExpressionException.class, ex -> {
                    assertThat(ex.reason()).isEqualTo(reason);
                    assertThat(ex.position()).isEqualTo(position);
                    assertThat(ex.getMessage()).isEqualTo("position " + position + ": " + reason);
                });
    }

    @Test
    void emptyOverlongAndDeeplyNestedExpressionsAreRefused() {
        assertThatThrownBy(() -> Expression.compile(" ", STUDENT)).hasMessage("position 1: the expression is empty");
        assertThatThrownBy(() -> Expression.compile("1+".repeat(6_000) + "1", STUDENT))
                .hasMessageContaining("longer than 10000 characters");
        assertThatThrownBy(() -> Expression.compile("(".repeat(500) + "1" + ")".repeat(500), STUDENT))
                .hasMessageContaining("nests deeper than 100 levels");
        assertThatThrownBy(() -> Expression.compile("-".repeat(500) + "1", STUDENT))
                .hasMessageContaining("nests deeper than 100 levels");
    }
}

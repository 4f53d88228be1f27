package io.vishwaops.validation.record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.contracts.records.Violation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RecordCheckerTests {

    static final DatasetSchema STUDENTS = new DatasetSchema("student-mat", null, List.of(
            new ColumnSpec("school", "categorical", false, List.of("GP", "MS"), null, null, null, null),
            new ColumnSpec("age", "integer", false, List.of(), 15.0, 22.0, null, null),
            new ColumnSpec("absences", "numeric", true, List.of(), 0.0, null, null, null),
            new ColumnSpec("higher", "boolean", false, List.of(), null, null, null, null),
            new ColumnSpec("email", "text", true, List.of(), null, null, "[^@]+@[^@]+", null),
            new ColumnSpec("enrolled", "timestamp", true, List.of(), null, null, null, null)),
            null, null, null, null, List.of());

    @Test
    void valuesAreCoercedToTheirColumnTypes() {
        var result = RecordChecker.check(STUDENTS, values("school", "GP", "age", "17", "absences", "4",
                "higher", "yes", "email", "a@b.pt", "enrolled", "2025-09-15"));

        assertThat(result.valid()).isTrue();
        assertThat(result.values()).containsEntry("age", 17L).containsEntry("absences", 4.0)
                .containsEntry("higher", true).containsEntry("enrolled", "2025-09-15T00:00:00Z");
    }

    @Test
    void valuesAreAsSentOnlyWhenTheirTextStillStandsForThemAll() {
        assertThat(RecordChecker.check(STUDENTS, values("school", "GP", "age", 17, "absences", 4.5, "higher", true,
                "email", "a@b.pt", "enrolled", "2025-09-15T00:00:00Z")).asSent()).isTrue();
        assertThat(RecordChecker.check(STUDENTS, values("school", "GP", "age", 17, "absences", null, "higher", true,
                "email", null, "enrolled", null)).asSent()).isTrue();
        // a number coerced from a string or an integer, a date made an instant, an empty string made null
        assertThat(RecordChecker.check(STUDENTS, values("school", "GP", "age", "17", "absences", 4.5, "higher", true,
                "email", "a@b.pt", "enrolled", null)).asSent()).isFalse();
        assertThat(RecordChecker.check(STUDENTS, values("school", "GP", "age", 17, "absences", 4, "higher", true,
                "email", "a@b.pt", "enrolled", null)).asSent()).isFalse();
        assertThat(RecordChecker.check(STUDENTS, values("school", "GP", "age", 17, "absences", 4.5, "higher", true,
                "email", "a@b.pt", "enrolled", "2025-09-15")).asSent()).isFalse();
        assertThat(RecordChecker.check(STUDENTS, values("school", "GP", "age", 17, "absences", 4.5, "higher", true,
                "email", "", "enrolled", null)).asSent()).isFalse();
        // a column left out is written as null: the text would lack it
        assertThat(RecordChecker.check(STUDENTS, values("school", "GP", "age", 17, "higher", true)).asSent())
                .isFalse();
    }

    @Test
    void wholeNumbersWrittenAsDecimalsAreIntegers() {
        assertThat(RecordChecker.check(STUDENTS, values("school", "MS", "age", 18.0, "higher", false)).values())
                .containsEntry("age", 18L);
    }

    @Test
    void everyViolationNamesColumnRuleAndValue() {
        var result = RecordChecker.check(STUDENTS, values("school", "XX", "age", "seventeen", "absences", -3,
                "higher", "maybe", "email", "nobody", "enrolled", "yesterday", "shoe_size", 42));

        assertThat(result.violations()).extracting(Violation::field, Violation::rule, Violation::value).containsExactly(
                tuple("school", "allowed-values", "XX"), tuple("age", "type", "seventeen"),
                tuple("absences", "range", -3), tuple("higher", "type", "maybe"), tuple("email", "pattern", "nobody"),
                tuple("enrolled", "type", "yesterday"), tuple("shoe_size", "unknown-column", 42));
        assertThat(result.violations().get(2).message()).isEqualTo("absences must be between 0 and unbounded, was -3.0");
    }

    @Test
    void missingAndEmptyRequiredValuesAreNotNullViolations() {
        var result = RecordChecker.check(STUDENTS, values("school", "", "higher", true));

        assertThat(result.violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("school", "not-null"), tuple("age", "not-null"));
    }

    @Test
    void fractionalIntegersAndOutOfRangeIntegersAreRefused() {
        var result = RecordChecker.check(STUDENTS, values("school", "GP", "age", 17.5, "higher", true));
        assertThat(result.violations()).extracting(Violation::rule).containsExactly("type");

        result = RecordChecker.check(STUDENTS, values("school", "GP", "age", 23, "higher", true));
        assertThat(result.violations()).extracting(Violation::rule).containsExactly("range");
    }

    @Test
    void aValueBreakingTwoRulesOfItsColumnIsToldBoth() {
        var codes = new DatasetSchema("codes", null, List.of(new ColumnSpec("code", "categorical", true,
                List.of("A-1", "B-2"), null, null, "[A-Z]-[0-9]", null)), null, null, null, null, List.of());

        assertThat(RecordChecker.check(codes, values("code", "zz")).violations()).extracting(Violation::rule)
                .containsExactly("allowed-values", "pattern");
        assertThat(RecordChecker.check(codes, values("code", "C-3")).violations()).extracting(Violation::rule)
                .containsExactly("allowed-values");
        assertThat(RecordChecker.check(codes, values("code", "B-2")).valid()).isTrue();
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }
}

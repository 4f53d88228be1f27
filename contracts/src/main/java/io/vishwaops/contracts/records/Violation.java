package io.vishwaops.contracts.records;

/**
 * One reason a record was refused.
 *
 * @param field the column concerned, or {@code null} for a rule on the whole record
 * @param rule the rule that failed, e.g. {@code not-null}, {@code range}, {@code type}
 * @param value the offending value as it arrived (a JSON scalar), or {@code null} when it was missing or the
 *        rule is about the whole record
 * @param message what was wrong, for a person
 */
public record Violation(String field, String rule, Object value, String message) {
}

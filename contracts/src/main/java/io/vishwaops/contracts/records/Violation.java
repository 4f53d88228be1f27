package io.vishwaops.contracts.records;

/**
 * One reason a record was refused.
 *
 * @param field the column concerned, or {@code null} for a rule on the whole record
 * @param rule the rule that failed, e.g. {@code not-null}, {@code range}, {@code type}
 * @param message what was wrong, for a person
 */
public record Violation(String field, String rule, String message) {
}

package io.vishwaops.ingestion.inference;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The evidence about one column gathered value by value: which types every value so far could be, the range
 * of the numbers, the distinct values (capped), the longest value. Types are tested on the trimmed value and
 * with the same parsers validation coerces with, so a proposed type never refuses a value of the sample.
 */
final class ColumnProfile {

    static final Set<String> BOOLEANS = Set.of("true", "false", "yes", "no", "y", "n", "t", "f", "0", "1");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final Set<String> distinct = new LinkedHashSet<>();
    private boolean distinctCapped;
    private long count;
    private long missing;
    private int longest;
    private boolean integer = true;
    private boolean numeric = true;
    private boolean bool = true;
    private boolean wordBoolean;
    private boolean timestamp = true;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void missing() {
        missing++;
    }

    void add(String value) {
        count++;
        longest = Math.max(longest, value.length());
        if (!distinctCapped && !distinct.contains(value)) {
            if (distinct.size() == SchemaInference.DISTINCT_CAP) {
                distinctCapped = true;
            }
            else {
                distinct.add(value);
            }
        }
        String text = value.trim();
        if (integer || numeric) {
            number(text);
        }
        if (bool) {
            String token = text.toLowerCase(Locale.ROOT);
            bool = BOOLEANS.contains(token);
            wordBoolean |= bool && !token.equals("0") && !token.equals("1");
        }
        if (timestamp) {
            timestamp = isTimestamp(text);
        }
    }

    private void number(String text) {
        if (integer && !isInteger(text)) {
            integer = false;
        }
        if (!integer && (text.isEmpty() || leadingZero(text) || !DECIMAL.matcher(text).matches())) {
            numeric = false;
            return;
        }
        double x = Double.parseDouble(text);
        if (!Double.isFinite(x)) {
            numeric = false;
            return;
        }
        min = Math.min(min, x);
        max = Math.max(max, x);
    }

    /** Digits with an optional sign, within a long, without leading zeros (a code such as 007 is not a number). */
    private static boolean isInteger(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        int digits = text.length() - start;
        if (digits < 1 || digits > 18 || leadingZero(text)) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean leadingZero(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        return text.length() > start + 1 && text.charAt(start) == '0' && Character.isDigit(text.charAt(start + 1));
    }

    /** ISO-8601 as validation reads it: an instant (with Z or an offset), a local date-time, or a date. */
    static boolean isTimestamp(String text) {
        if (text.length() < 10 || text.charAt(4) != '-' || !Character.isDigit(text.charAt(0))) {
            return false;
        }
        try {
            Instant.parse(text);
            return true;
        }
        catch (DateTimeParseException notInstant) {
            try {
                LocalDateTime.parse(text);
                return true;
            }
            catch (DateTimeParseException notLocal) {
                try {
                    LocalDate.parse(text);
                    return true;
                }
                catch (DateTimeParseException notDate) {
                    return false;
                }
            }
        }
    }

    long count() {
        return count;
    }

    long missingCount() {
        return missing;
    }

    int distinct() {
        return distinct.size();
    }

    boolean distinctCapped() {
        return distinctCapped;
    }

    List<String> examples() {
        return distinct.stream().limit(5).toList();
    }

    List<String> sortedValues() {
        List<String> values = new ArrayList<>(distinct);
        values.sort(null);
        return values;
    }

    boolean allIntegers() {
        return count > 0 && integer;
    }

    boolean allNumbers() {
        return count > 0 && numeric;
    }

    /** Every value a boolean word, and at least one of them not 0 or 1: a 0/1 column is an integer. */
    boolean allBooleans() {
        return count > 0 && bool && wordBoolean;
    }

    boolean allTimestamps() {
        return count > 0 && timestamp;
    }

    int longest() {
        return longest;
    }

    Double min() {
        return count > 0 && numeric ? min : null;
    }

    Double max() {
        return count > 0 && numeric ? max : null;
    }
}

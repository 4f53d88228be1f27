package io.vishwaops.ingestion.csv;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.vishwaops.problems.InvalidInput;

/**
 * How to read a CSV.
 *
 * @param separator {@code ','}, {@code ';'} or {@code '\t'}, or {@code null} to detect it from the header line
 * @param missing values that mean "no value" and become {@code null}; matched exactly and case-sensitively
 *        against the whole field, quoted or not ({@code NA} is missing, {@code na} and {@code " NA"} are not),
 *        because a lower-case or padded word may well be a real category
 * @param maxFieldChars the longest field allowed, in characters; a longer one stops the read
 */
public record CsvOptions(Character separator, Set<String> missing, int maxFieldChars) {

    /** The separators the reader knows, in the order that breaks a tie when detecting. */
    public static final List<Character> SEPARATORS = List.of(',', ';', '\t');
    /** The missing-value markers unless told otherwise. */
    public static final Set<String> DEFAULT_MISSING = Set.of("", "?", "NA", "N/A", "null", "unknown");
    /** 1 MiB of characters. */
    public static final int DEFAULT_MAX_FIELD_CHARS = 1 << 20;

    public CsvOptions {
        if (separator != null && !SEPARATORS.contains(separator)) {
            throw new IllegalArgumentException("separator must be ',', ';' or a tab");
        }
        missing = Set.copyOf(missing);
        if (maxFieldChars < 1) {
            throw new IllegalArgumentException("maxFieldChars must be positive");
        }
    }

    /** Detected separator, the default markers, 1 MiB fields. */
    public static CsvOptions defaults() {
        return new CsvOptions(null, DEFAULT_MISSING, DEFAULT_MAX_FIELD_CHARS);
    }

    public CsvOptions withSeparator(Character separator) {
        return new CsvOptions(separator, missing, maxFieldChars);
    }

    public CsvOptions withMissing(Set<String> missing) {
        return new CsvOptions(separator, missing, maxFieldChars);
    }

    public CsvOptions withMaxFieldChars(int maxFieldChars) {
        return new CsvOptions(separator, missing, maxFieldChars);
    }

    /**
     * Options from the query parameters an endpoint takes, refusing bad ones as {@link InvalidInput} naming the
     * parameter.
     *
     * @param separator {@code auto} (or {@code null}), {@code ,} {@code ;} or a tab, or {@code comma},
     *        {@code semicolon}, {@code tab}
     * @param missing comma-separated markers replacing the defaults, or {@code null} for the defaults; the empty
     *        field is always missing, since a CSV cannot tell an empty string from no value
     */
    public static CsvOptions fromParameters(String separator, String missing) {
        CsvOptions options = defaults().withSeparator(separator(separator));
        if (missing == null) {
            return options;
        }
        Set<String> markers = new LinkedHashSet<>();
        markers.add("");
        markers.addAll(List.of(missing.split(",", -1)));
        return options.withMissing(markers);
    }

    private static Character separator(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "auto", "" -> null;
            case ",", "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "\t", "tab", "\\t" -> '\t';
            default -> throw new InvalidInput("separator", "must be auto, ',' (comma), ';' (semicolon) or tab; got '"
                    + name + "'");
        };
    }

    char[][] missingChars() {
        List<char[]> markers = new ArrayList<>();
        missing.forEach(m -> markers.add(m.toCharArray()));
        return markers.toArray(char[][]::new);
    }
}

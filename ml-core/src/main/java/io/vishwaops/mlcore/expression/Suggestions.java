package io.vishwaops.mlcore.expression;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean …?" for a misspelt column name: the known name closest to it by edit distance (ignoring case), if it
 * is close enough to be a typing mistake — at most a third of the name's length, and at least one edit.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /** The known name {@code name} was most likely meant to be, or empty when none is close. */
    public static Optional<String> closest(String name, Collection<String> known) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, name.length() / 3);
        return known.stream()
                .filter(candidate -> distance(candidate.toLowerCase(Locale.ROOT), wanted) <= allowed)
                .min(Comparator.comparingInt((String candidate) -> distance(candidate.toLowerCase(Locale.ROOT), wanted))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

package io.vishwaops.feature.dataset;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads moments as validation writes event times: an ISO-8601 instant, or a date-time or date read as UTC. Cut-offs
 * in requests are read the same way, so a cut-off and the event times it is compared with agree on what they mean.
 */
public final class EventTimes {

    private EventTimes() {
    }

    /** The moment {@code text} names; {@link DateTimeParseException} when it names none. */
    public static Instant parse(String text) {
        String trimmed = text.trim();
        try {
            return Instant.parse(trimmed);
        }
        catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(trimmed).toInstant();
            }
            catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
                }
                catch (DateTimeParseException notDateTime) {
                    return LocalDate.parse(trimmed).atStartOfDay().toInstant(ZoneOffset.UTC);
                }
            }
        }
    }

    /** The moment a record's value names, or {@code null} when it is missing or names none. */
    public static Instant of(Object value) {
        if (value instanceof String text && !text.isBlank()) {
            try {
                return parse(text);
            }
            catch (DateTimeParseException ex) {
                return null;
            }
        }
        if (value instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        return null;
    }
}

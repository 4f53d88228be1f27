package io.vishwaops.messaging;

import java.time.format.DateTimeParseException;

import io.vishwaops.contracts.EventType;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an envelope in one streaming pass, its data by a reader of the caller's: for the chunks of records that are
 * read field by field instead of bound (a chunk's values are kept as the bytes they arrived in). It takes an
 * envelope only when its {@code type} comes before its {@code data}, as every envelope the platform writes has
 * it; anything else is left to the general reader.
 */
public final class StreamedEnvelope {

    private StreamedEnvelope() {
    }

    /** Reads the envelope's {@code data}, the parser on the token that starts it. */
    @FunctionalInterface
    public interface DataReader<T> {

        T read(JsonParser parser, JsonToken token);
    }

    /** The envelope's attributes as written (any of them may be missing: null), and what its data was read as. */
    public record Head<T>(String eventId, String occurredAt, String source, String subject, T data) {
    }

    /**
     * The envelope of {@code type} in {@code bytes}, or null when they are not one (not an object, another type, no
     * data, or a type after the data); throws {@link PoisonEvent} when they are one that cannot be read: malformed,
     * a schema version newer than this build reads, or data its reader refuses with an {@link
     * IllegalArgumentException}, a {@link DateTimeParseException} or a {@link NullPointerException}.
     */
    public static <T> Head<T> read(JsonMapper json, EventType type, String topic, byte[] bytes, DataReader<T> data) {
        if (bytes == null) {
            return null;
        }
        try (JsonParser parser = json.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String token = null;
            String eventId = null;
            String occurredAt = null;
            int version = 0;
            String source = null;
            String subject = null;
            T read = null;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "type" -> {
                        token = parser.getValueAsString();
                        if (!type.token().equals(token)) {
                            return null;
                        }
                    }
                    case "eventId" -> eventId = parser.getValueAsString();
                    case "occurredAt" -> occurredAt = parser.getValueAsString();
                    case "schemaVersion" -> version = parser.getValueAsInt(0);
                    case "source" -> source = parser.getValueAsString();
                    case "subject" -> subject = parser.getValueAsString();
                    case "data" -> {
                        if (token == null) {
                            return null;
                        }
                        read = data.read(parser, value);
                    }
                    default -> parser.skipChildren();
                }
            }
            if (read == null) {
                return null;
            }
            if (version < 1 || version > type.schemaVersion()) {
                throw new PoisonEvent("unsupported schemaVersion " + version + " of '" + type.token() + "' on " + topic
                        + " (this build reads 1.." + type.schemaVersion() + ")");
            }
            return new Head<>(eventId, occurredAt, source, subject, read);
        }
        catch (JacksonException | IllegalArgumentException | DateTimeParseException | NullPointerException ex) {
            throw new PoisonEvent("unreadable event on " + topic + ": " + ex.getMessage(), ex);
        }
    }

    /** Refuses a token other than the start of an object or array that {@code what} must be. */
    public static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + " must be " + (expected == JsonToken.START_OBJECT ? "an object"
                    : "an array") + ", was " + actual);
        }
    }
}

package io.vishwaops.messaging;

import java.nio.charset.StandardCharsets;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.EventType;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an enveloped event into {@code EventEnvelope<data record>} by its logical type token.
 * Anything it cannot read (not JSON, unknown type, a schema version newer than this build knows,
 * missing attributes) throws, and {@code ErrorHandlingDeserializer} turns that into a dead letter.
 */
final class EnvelopeDeserializer implements Deserializer<EventEnvelope<?>> {

    private static final byte[] TYPE = "\"type\":\"".getBytes(StandardCharsets.UTF_8);

    private final JsonMapper json;

    EnvelopeDeserializer(JsonMapper json) {
        this.json = json;
    }

    @Override
    public EventEnvelope<?> deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            throw new SerializationException("empty record on " + topic);
        }
        try {
            EventEnvelope<?> direct = readDirectly(topic, bytes);
            if (direct != null) {
                return direct;
            }
            JsonNode tree = json.readTree(bytes);
            String token = tree.path("type").asString(null);
            EventType type = EventType.ofToken(token)
                    .orElseThrow(() -> new SerializationException("unknown event type '" + token + "' on " + topic));
            int version = tree.path("schemaVersion").asInt(0);
            if (version < 1 || version > type.schemaVersion()) {
                throw new SerializationException("unsupported schemaVersion " + version + " of '" + token
                        + "' (this build reads 1.." + type.schemaVersion() + ")");
            }
            JavaType envelope = json.getTypeFactory().constructParametricType(EventEnvelope.class, type.dataType());
            return json.treeToValue(tree, envelope);
        }
        catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
            throw new SerializationException("unreadable event on " + topic + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The fast path, one pass instead of a tree and a conversion: the platform's producers write {@code type}
     * second, so it is found in the first bytes and the envelope is read straight into its data record. Returns
     * null when the token is not where it usually is, and the general path reads the event.
     */
    private EventEnvelope<?> readDirectly(String topic, byte[] bytes) {
        int at = indexOf(bytes, TYPE, Math.min(bytes.length, 160));
        if (at < 0) {
            return null;
        }
        int start = at + TYPE.length;
        int end = start;
        while (end < bytes.length && end - start < 64 && bytes[end] != '"') {
            end++;
        }
        if (end >= bytes.length || bytes[end] != '"') {
            return null;
        }
        String token = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        EventType type = EventType.ofToken(token).orElse(null);
        if (type == null) {
            return null;
        }
        JavaType envelope = json.getTypeFactory().constructParametricType(EventEnvelope.class, type.dataType());
        EventEnvelope<?> event = json.readValue(bytes, envelope);
        if (!token.equals(event.type())) {
            return null;
        }
        if (event.schemaVersion() > type.schemaVersion()) {
            throw new SerializationException("unsupported schemaVersion " + event.schemaVersion() + " of '" + token
                    + "' on " + topic + " (this build reads 1.." + type.schemaVersion() + ")");
        }
        return event;
    }

    private static int indexOf(byte[] bytes, byte[] needle, int limit) {
        outer:
        for (int i = 0; i + needle.length <= limit; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package io.vishwaops.messaging;

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
}

package io.vishwaops.serving.logging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.predictions.PredictionMade;
import io.vishwaops.contracts.predictions.PredictionsMade;
import io.vishwaops.messaging.Events;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chunk of logged predictions as the JSON bytes of its envelope, written field by field with the service's JSON
 * generator: the same document the mapper makes of the {@link EventEnvelope} (a test compares them), for about half
 * the CPU of binding the records. Every prediction served passes through here, which made binding the largest single
 * cost of the log's thread.
 */
@Component
class PredictionEnvelopes {

    /** Predictions in one message at most, and about how many bytes: well under Kafka's 1 MB per message. */
    static final int MAX_PREDICTIONS = 500;
    static final long MAX_BYTES = 256 * 1024;

    private final JsonMapper json;

    PredictionEnvelopes(JsonMapper json) {
        this.json = json;
    }

    /** About how many bytes a prediction takes in a chunk, counting a character as up to 3 bytes. */
    static long estimatedSize(PredictionMade p) {
        long size = 330 + 40L * (p.probabilities() == null ? 0 : p.probabilities().size());
        for (Map.Entry<String, Object> input : p.inputs().entrySet()) {
            size += 6 + 3L * input.getKey().length()
                    + (input.getValue() instanceof String text ? 3L * text.length() + 2 : 24);
        }
        return size;
    }

    /**
     * The messages that carry {@code predictions}: one chunk per model and at most {@link #MAX_PREDICTIONS}
     * predictions or about {@link #MAX_BYTES}, each enveloped like every platform event and keyed by its model, in
     * the order given.
     */
    List<Message> messages(Events events, List<PredictionsMade.Logged> predictions) {
        Map<String, List<PredictionsMade.Logged>> byModel = new LinkedHashMap<>();
        for (PredictionsMade.Logged logged : predictions) {
            byModel.computeIfAbsent(logged.made().model(), m -> new ArrayList<>()).add(logged);
        }
        List<Message> messages = new ArrayList<>();
        for (Map.Entry<String, List<PredictionsMade.Logged>> model : byModel.entrySet()) {
            List<PredictionsMade.Logged> all = model.getValue();
            int from = 0;
            long bytes = 0;
            for (int i = 0; i < all.size(); i++) {
                bytes += estimatedSize(all.get(i).made());
                if (i + 1 - from >= MAX_PREDICTIONS || bytes >= MAX_BYTES || i == all.size() - 1) {
                    messages.add(new Message(record(events, new PredictionsMade(model.getKey(),
                            List.copyOf(all.subList(from, i + 1)))), i + 1 - from));
                    from = i + 1;
                    bytes = 0;
                }
            }
        }
        return messages;
    }

    /** A message for Kafka and how many predictions it carries. */
    record Message(ProducerRecord<Object, Object> record, int predictions) {
    }

    private ProducerRecord<Object, Object> record(Events events, PredictionsMade chunk) {
        EventEnvelope<PredictionsMade> envelope = events.envelope(chunk.model(), chunk);
        ProducerRecord<Object, Object> headed = events.record(envelope);
        // each prediction names its own request; the producer's serializer passes the bytes written here through
        headed.headers().remove(Events.REQUEST_ID_HEADER);
        return new ProducerRecord<>(headed.topic(), null, headed.key(), bytes(envelope), headed.headers());
    }

    byte[] bytes(EventEnvelope<PredictionsMade> envelope) {
        ByteArrayBuilder out = new ByteArrayBuilder(64 + envelope.data().predictions().size() * 512);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("eventId", envelope.eventId().toString());
            g.writeStringProperty("type", envelope.type());
            g.writeName("occurredAt");
            instant(g, envelope.occurredAt());
            g.writeNumberProperty("schemaVersion", envelope.schemaVersion());
            g.writeStringProperty("source", envelope.source());
            g.writeStringProperty("subject", envelope.subject());
            g.writeName("data");
            g.writeStartObject();
            g.writeStringProperty("model", envelope.data().model());
            g.writeName("predictions");
            g.writeStartArray();
            for (PredictionsMade.Logged logged : envelope.data().predictions()) {
                g.writeStartObject();
                g.writeStringProperty("requestId", logged.requestId());
                g.writeName("made");
                prediction(g, logged.made());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void prediction(JsonGenerator g, PredictionMade p) {
        g.writeStartObject();
        g.writeStringProperty("predictionId", p.predictionId().toString());
        g.writeStringProperty("model", p.model());
        g.writeStringProperty("version", p.version());
        g.writeName("inputs");
        value(g, p.inputs());
        g.writeName("prediction");
        value(g, p.prediction());
        g.writeName("probabilities");
        value(g, p.probabilities());
        g.writeBooleanProperty("shadow", p.shadow());
        g.writeName("predictedAt");
        instant(g, p.predictedAt());
        g.writeName("latencyMs");
        value(g, p.latencyMs());
        g.writeEndObject();
    }

    private static void instant(JsonGenerator g, Instant instant) {
        if (instant == null) {
            g.writeNull();
        } else {
            g.writeString(instant.toString());
        }
    }

    private static void value(JsonGenerator g, Object value) {
        switch (value) {
            case null -> g.writeNull();
            case String text -> g.writeString(text);
            case Double number -> g.writeNumber(number);
            case Long number -> g.writeNumber(number);
            case Integer number -> g.writeNumber(number);
            case Boolean flag -> g.writeBoolean(flag);
            case Map<?, ?> object -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> entry : object.entrySet()) {
                    g.writeName(String.valueOf(entry.getKey()));
                    value(g, entry.getValue());
                }
                g.writeEndObject();
            }
            case List<?> list -> {
                g.writeStartArray();
                for (Object item : list) {
                    value(g, item);
                }
                g.writeEndArray();
            }
            // anything rarer (a BigDecimal, a date) as the mapper writes it
            default -> g.writePOJO(value);
        }
    }
}

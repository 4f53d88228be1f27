package io.vishwaops.validation.record;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.records.RecordValidated;

import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@code records.validated} message, envelope and records, straight to bytes: a record that passed as it
 * was sent has its values copied as the JSON text it arrived in ({@link ValuesJson}), instead of being written
 * out again from its map (the largest part of what writing a chunk cost). The bytes read as the general
 * serializer's would: the same attributes in the same order, so readers that look for {@code type} near the start
 * still find it there.
 */
final class ValidatedJson {

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    private final JsonMapper json;
    private byte[] buffer;
    private int size;

    ValidatedJson(JsonMapper json, int capacity) {
        this.json = json;
        this.buffer = new byte[Math.max(1024, capacity)];
    }

    /**
     * The message: {@code envelope}'s attributes, with {@code records} as its data's records; {@code texts} holds
     * each record's values' text, in the same order, or null where they are written from the map.
     */
    byte[] write(EventEnvelope<?> envelope, String dataset, List<RecordValidated> records, List<ValuesJson> texts) {
        size = 0;
        ascii("{\"eventId\":\"").ascii(envelope.eventId().toString()).ascii("\",\"type\":").string(envelope.type())
                .ascii(",\"occurredAt\":\"").ascii(envelope.occurredAt().toString())
                .ascii("\",\"schemaVersion\":").ascii(Integer.toString(envelope.schemaVersion()))
                .ascii(",\"source\":").string(envelope.source()).ascii(",\"subject\":").string(envelope.subject())
                .ascii(",\"data\":{\"dataset\":").string(dataset).ascii(",\"records\":[");
        byte[] datasetJson = STRINGS.quoteAsUTF8(dataset);
        Times times = new Times();
        for (int i = 0; i < records.size(); i++) {
            RecordValidated record = records.get(i);
            ValuesJson text = texts.get(i);
            if (i > 0) {
                ascii(",");
            }
            ascii("{\"dataset\":\"").bytes(datasetJson, 0, datasetJson.length)
                    .ascii("\",\"recordId\":\"").ascii(record.recordId().toString())
                    .ascii("\",\"batchId\":\"").ascii(record.batchId().toString()).ascii("\",\"values\":");
            if (text != null) {
                bytes(text.bytes(), text.from(), text.to() - text.from());
            }
            else {
                byte[] values = json.writeValueAsBytes(record.values());
                bytes(values, 0, values.length);
            }
            ascii(",\"receivedAt\":").ascii(times.json(record.receivedAt()))
                    .ascii(",\"validatedAt\":").ascii(times.json(record.validatedAt()))
                    .ascii(",\"schemaVersion\":").ascii(Integer.toString(record.schemaVersion())).ascii("}");
        }
        ascii("]}}");
        return Arrays.copyOf(buffer, size);
    }

    private ValidatedJson string(String text) {
        if (text == null) {
            return ascii("null");
        }
        byte[] quoted = STRINGS.quoteAsUTF8(text);
        return ascii("\"").bytes(quoted, 0, quoted.length).ascii("\"");
    }

    private ValidatedJson ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    private ValidatedJson bytes(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, buffer, size, length);
        size += length;
        return this;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    /** A chunk's records share a few instants (their batches' and the poll's): each formatted once. */
    private static final class Times {

        private Instant first;
        private String firstJson;
        private Instant second;
        private String secondJson;

        String json(Instant at) {
            if (at == null) {
                return "null";
            }
            if (at.equals(first)) {
                return firstJson;
            }
            if (at.equals(second)) {
                return secondJson;
            }
            second = first;
            secondJson = firstJson;
            first = at;
            firstJson = "\"" + at + "\"";
            return firstJson;
        }
    }
}

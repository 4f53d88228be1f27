package io.vishwaops.validation.record;

import java.time.Instant;
import java.util.List;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.records.RecordValidated;
import io.vishwaops.messaging.JsonBytes;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@code records.validated} message, envelope and records, straight to bytes: a record that passed as it
 * was sent has its values copied as the JSON text it arrived in ({@link ValuesJson}), instead of being written
 * out again from its map (the largest part of what writing a chunk cost). The bytes read as the general
 * serializer's would: the same attributes in the same order, so readers that look for {@code type} near the start
 * still find it there.
 */
final class ValidatedJson {

    private final JsonMapper json;
    private final JsonBytes out;

    ValidatedJson(JsonMapper json, int capacity) {
        this.json = json;
        this.out = new JsonBytes(capacity);
    }

    /**
     * The message: {@code envelope}'s attributes, with {@code records} as its data's records; {@code texts} holds
     * each record's values' text, in the same order, or null where they are written from the map.
     */
    byte[] write(EventEnvelope<?> envelope, String dataset, List<RecordValidated> records, List<ValuesJson> texts) {
        out.reset().head(envelope).ascii("{\"dataset\":").string(dataset).ascii(",\"records\":[");
        byte[] datasetJson = JsonBytes.quoted(dataset);
        Times times = new Times();
        for (int i = 0; i < records.size(); i++) {
            RecordValidated record = records.get(i);
            ValuesJson text = texts.get(i);
            if (i > 0) {
                out.ascii(",");
            }
            out.ascii("{\"dataset\":\"").bytes(datasetJson)
                    .ascii("\",\"recordId\":\"").uuid(record.recordId())
                    .ascii("\",\"batchId\":\"").uuid(record.batchId()).ascii("\",\"values\":");
            if (text != null) {
                out.bytes(text.bytes(), text.from(), text.to() - text.from());
            }
            else {
                out.bytes(json.writeValueAsBytes(record.values()));
            }
            out.ascii(",\"receivedAt\":").ascii(times.json(record.receivedAt()))
                    .ascii(",\"validatedAt\":").ascii(times.json(record.validatedAt()))
                    .ascii(",\"schemaVersion\":").number(record.schemaVersion()).ascii("}");
        }
        out.ascii("]}}");
        return out.toByteArray();
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

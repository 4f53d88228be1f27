package io.vishwaops.ingestion.record;

import java.util.Arrays;
import java.util.List;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.records.RecordIngested;

import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@code records.ingested} message, envelope and records, straight to bytes: a record whose values the
 * Kafka door kept as the JSON they arrived in has them copied as they are, instead of being written out again
 * from a map (most of what writing a chunk cost). The bytes read as the general serializer's would: the same
 * attributes in the same order, so readers that look for {@code type} near the start still find it there.
 */
final class ChunkJson {

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();
    private static final byte[] EMPTY_LIST = {'[', ']'};

    private final JsonMapper json;
    private byte[] buffer = new byte[64 * 1024];
    private int size;

    ChunkJson(JsonMapper json) {
        this.json = json;
    }

    /** A record and, when the door kept it, its values as JSON bytes (else null: written from the map). */
    record Entry(RecordIngested record, byte[] valuesJson) {
    }

    /** The message: {@code envelope}'s attributes, with {@code entries} as its data's records. */
    byte[] write(EventEnvelope<?> envelope, String dataset, List<Entry> entries) {
        size = 0;
        ascii("{\"eventId\":\"").ascii(envelope.eventId().toString()).ascii("\",\"type\":").string(envelope.type())
                .ascii(",\"occurredAt\":\"").ascii(envelope.occurredAt().toString())
                .ascii("\",\"schemaVersion\":").ascii(Integer.toString(envelope.schemaVersion()))
                .ascii(",\"source\":").string(envelope.source()).ascii(",\"subject\":").string(envelope.subject())
                .ascii(",\"data\":{\"dataset\":").string(dataset).ascii(",\"records\":[");
        byte[] datasetJson = STRINGS.quoteAsUTF8(dataset);
        java.time.Instant lastReceived = null;
        String receivedAt = null;
        for (int i = 0; i < entries.size(); i++) {
            RecordIngested record = entries.get(i).record();
            byte[] values = entries.get(i).valuesJson();
            if (i > 0) {
                ascii(",");
            }
            ascii("{\"dataset\":\"").bytes(datasetJson).ascii("\",\"recordId\":\"").ascii(record.recordId().toString())
                    .ascii("\",\"batchId\":\"").ascii(record.batchId().toString())
                    .ascii("\",\"row\":").ascii(Long.toString(record.row()))
                    .ascii(",\"schemaVersion\":").ascii(Integer.toString(record.schemaVersion()))
                    .ascii(",\"values\":").bytes(values != null ? values : json.writeValueAsBytes(record.values()))
                    .ascii(",\"problems\":")
                    .bytes(record.problems().isEmpty() ? EMPTY_LIST : json.writeValueAsBytes(record.problems()));
            if (record.receivedAt() == null) {
                ascii(",\"receivedAt\":null}");
            }
            else {
                // the records of a chunk share their batch's time: formatted once
                if (!record.receivedAt().equals(lastReceived)) {
                    lastReceived = record.receivedAt();
                    receivedAt = lastReceived.toString();
                }
                ascii(",\"receivedAt\":\"").ascii(receivedAt).ascii("\"}");
            }
        }
        ascii("]}}");
        return Arrays.copyOf(buffer, size);
    }

    private ChunkJson string(String text) {
        if (text == null) {
            return ascii("null");
        }
        return ascii("\"").bytes(STRINGS.quoteAsUTF8(text)).ascii("\"");
    }

    private ChunkJson ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            buffer[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    private ChunkJson bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}

package io.vishwaops.ingestion.record;

import java.util.List;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.messaging.JsonBytes;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@code records.ingested} message, envelope and records, straight to bytes: a record whose values the
 * Kafka door kept as the JSON they arrived in has them copied as they are, instead of being written out again
 * from a map (most of what writing a chunk cost). The bytes read as the general serializer's would: the same
 * attributes in the same order, so readers that look for {@code type} near the start still find it there.
 */
final class ChunkJson {

    private static final byte[] EMPTY_LIST = {'[', ']'};

    private final JsonMapper json;
    private final JsonBytes out;

    /** A writer for a batch's chunks, its buffer sized for {@code capacity} bytes and reused from chunk to chunk. */
    ChunkJson(JsonMapper json, int capacity) {
        this.json = json;
        this.out = new JsonBytes(capacity);
    }

    /** A record and, when the door kept it, its values as JSON bytes (else null: written from the map). */
    record Entry(RecordIngested record, byte[] valuesJson) {
    }

    /** The message: {@code envelope}'s attributes, with {@code entries} as its data's records. */
    byte[] write(EventEnvelope<?> envelope, String dataset, List<Entry> entries) {
        out.reset().head(envelope).ascii("{\"dataset\":").string(dataset).ascii(",\"records\":[");
        byte[] datasetJson = JsonBytes.quoted(dataset);
        java.time.Instant lastReceived = null;
        String receivedAt = null;
        for (int i = 0; i < entries.size(); i++) {
            RecordIngested record = entries.get(i).record();
            byte[] values = entries.get(i).valuesJson();
            if (i > 0) {
                out.ascii(",");
            }
            out.ascii("{\"dataset\":\"").bytes(datasetJson).ascii("\",\"recordId\":\"").uuid(record.recordId())
                    .ascii("\",\"batchId\":\"").uuid(record.batchId())
                    .ascii("\",\"row\":").number(record.row())
                    .ascii(",\"schemaVersion\":").number(record.schemaVersion())
                    .ascii(",\"values\":").bytes(values != null ? values : json.writeValueAsBytes(record.values()))
                    .ascii(",\"problems\":")
                    .bytes(record.problems().isEmpty() ? EMPTY_LIST : json.writeValueAsBytes(record.problems()));
            if (record.receivedAt() == null) {
                out.ascii(",\"receivedAt\":null}");
            }
            else {
                // the records of a chunk share their batch's time: formatted once
                if (!record.receivedAt().equals(lastReceived)) {
                    lastReceived = record.receivedAt();
                    receivedAt = lastReceived.toString();
                }
                out.ascii(",\"receivedAt\":\"").ascii(receivedAt).ascii("\"}");
            }
        }
        out.ascii("]}}");
        return out.toByteArray();
    }
}

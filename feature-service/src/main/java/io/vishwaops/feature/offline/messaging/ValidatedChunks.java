package io.vishwaops.feature.offline.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.vishwaops.contracts.EventType;
import io.vishwaops.feature.offline.OfflineStore;
import io.vishwaops.messaging.PoisonEvent;
import io.vishwaops.messaging.StreamedEnvelope;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code records.validated} message in one streaming pass, keeping each record's values as the JSON text
 * they arrived as: the offline store writes that text to its {@code jsonb} column, so the values are neither bound
 * to maps nor written back to JSON (a third of the feature store's CPU per record when they were), and the ids and
 * times go on as text once checked. Anything else (a single {@code record.validated}, a message whose type does
 * not come before its data) is left to the general reader.
 */
final class ValidatedChunks {

    private static final EventType TYPE = EventType.RECORDS_VALIDATED;

    private final JsonMapper json;

    ValidatedChunks(JsonMapper json) {
        this.json = json;
    }

    /**
     * The records of a {@code records.validated} message, or null when {@code bytes} are not one this reader
     * takes; throws {@link PoisonEvent} when they are one but cannot be stored (malformed, a newer schema version,
     * a field missing or of the wrong form).
     */
    List<OfflineStore.Incoming> read(String topic, byte[] bytes) {
        StreamedEnvelope.Head<List<OfflineStore.Incoming>> head = StreamedEnvelope.read(json, TYPE, topic, bytes,
                (parser, token) -> data(parser, bytes, token));
        return head == null ? null : head.data();
    }

    private static List<OfflineStore.Incoming> data(JsonParser parser, byte[] bytes, JsonToken token) {
        StreamedEnvelope.expect(token, JsonToken.START_OBJECT, "data");
        List<OfflineStore.Incoming> records = null;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            if (name.equals("records")) {
                StreamedEnvelope.expect(value, JsonToken.START_ARRAY, "data.records");
                records = new ArrayList<>();
                Times times = new Times();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    records.add(record(parser, bytes, times));
                }
            }
            else {
                parser.skipChildren();
            }
        }
        if (records == null || records.isEmpty()) {
            throw new IllegalArgumentException("data.records is missing or empty");
        }
        return records;
    }

    private static OfflineStore.Incoming record(JsonParser parser, byte[] bytes, Times times) {
        StreamedEnvelope.expect(parser.currentToken(), JsonToken.START_OBJECT, "a record");
        String dataset = null;
        String recordId = null;
        String batchId = null;
        String values = null;
        String receivedAt = null;
        String validatedAt = null;
        int schemaVersion = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken token = parser.nextToken();
            switch (name) {
                case "dataset" -> dataset = parser.getValueAsString();
                case "recordId" -> recordId = parser.getValueAsString();
                case "batchId" -> batchId = parser.getValueAsString();
                case "receivedAt" -> receivedAt = parser.getValueAsString();
                case "validatedAt" -> validatedAt = parser.getValueAsString();
                case "schemaVersion" -> schemaVersion = parser.getValueAsInt(0);
                case "values" -> {
                    StreamedEnvelope.expect(token, JsonToken.START_OBJECT, "values");
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
                    values = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                }
                default -> parser.skipChildren();
            }
        }
        if (dataset == null || recordId == null || batchId == null || values == null || receivedAt == null
                || validatedAt == null) {
            throw new IllegalArgumentException("a record lacks one of dataset, recordId, batchId, values, "
                    + "receivedAt, validatedAt");
        }
        UUID.fromString(batchId);
        return new OfflineStore.Incoming(dataset, UUID.fromString(recordId), batchId, values, times.check(receivedAt),
                times.check(validatedAt), schemaVersion, null);
    }

    /**
     * Checks that times are instants, parsing each distinct text once: the records of a message were received in
     * one batch and validated in one poll, so they share their two times.
     */
    private static final class Times {

        private String lastReceived;
        private String lastOther;

        String check(String text) {
            if (text.equals(lastReceived) || text.equals(lastOther)) {
                return text;
            }
            Instant.parse(text);
            lastOther = lastReceived;
            lastReceived = text;
            return text;
        }
    }
}

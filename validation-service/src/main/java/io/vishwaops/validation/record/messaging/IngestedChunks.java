package io.vishwaops.validation.record.messaging;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import io.vishwaops.contracts.EventType;
import io.vishwaops.contracts.records.RecordIngested;
import io.vishwaops.contracts.records.Violation;
import io.vishwaops.messaging.PoisonEvent;
import io.vishwaops.messaging.StreamedEnvelope;
import io.vishwaops.validation.record.Columns;
import io.vishwaops.validation.record.Row;
import io.vishwaops.validation.record.ValuesJson;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code records.ingested} message in one streaming pass, into rows held by position in each record's
 * schema version, noting where each record's values lie in the message ({@link Row#text()}): a record that passes
 * as it was sent goes on to {@code vops.records.validated} with that text copied, not written again. Anything else (a single {@code record.ingested}, a message whose type does not
 * come before its data) is left to the general reader.
 */
final class IngestedChunks {

    private static final EventType TYPE = EventType.RECORDS_INGESTED;

    private final JsonMapper json;
    private final ObjectReader violation;
    private final ObjectReader nested;
    private final BiFunction<String, Integer, Columns> columns;

    /**
     * {@code columns} gives a dataset schema version's columns, to hold each record's values by position in them;
     * when it fails (a version not known yet), the values are read into a map, without their text, and judging the
     * record finds out.
     */
    IngestedChunks(JsonMapper json, BiFunction<String, Integer, Columns> columns) {
        this.json = json;
        this.columns = columns;
        this.violation = json.readerFor(Violation.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.nested = json.readerFor(Object.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A chunk's envelope attributes and its records. */
    record Chunk(UUID eventId, Instant occurredAt, String source, String subject, List<RecordIngested> records) {
    }

    /**
     * The records of a {@code records.ingested} message, or null when {@code bytes} are not one this reader takes;
     * throws {@link PoisonEvent} when they are one but cannot be judged (malformed, a newer schema version, a
     * field missing or of the wrong form).
     */
    Chunk read(String topic, byte[] bytes) {
        StreamedEnvelope.Head<List<RecordIngested>> head = StreamedEnvelope.read(json, TYPE, topic, bytes,
                (parser, token) -> data(parser, bytes, token));
        if (head == null) {
            return null;
        }
        try {
            if (head.eventId() == null || head.occurredAt() == null || head.source() == null) {
                throw new IllegalArgumentException("the envelope lacks one of eventId, occurredAt, source");
            }
            return new Chunk(UUID.fromString(head.eventId()), Instant.parse(head.occurredAt()), head.source(),
                    head.subject(), head.data());
        }
        catch (IllegalArgumentException | DateTimeParseException ex) {
            throw new PoisonEvent("unreadable event on " + topic + ": " + ex.getMessage(), ex);
        }
    }

    private List<RecordIngested> data(JsonParser parser, byte[] bytes, JsonToken token) {
        StreamedEnvelope.expect(token, JsonToken.START_OBJECT, "data");
        List<RecordIngested> records = null;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            if (name.equals("records")) {
                StreamedEnvelope.expect(value, JsonToken.START_ARRAY, "data.records");
                records = new ArrayList<>();
                Previous previous = new Previous();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    records.add(record(parser, bytes, previous));
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

    private RecordIngested record(JsonParser parser, byte[] bytes, Previous previous) {
        StreamedEnvelope.expect(parser.currentToken(), JsonToken.START_OBJECT, "a record");
        String dataset = null;
        UUID recordId = null;
        UUID batchId = null;
        long row = 0;
        int schemaVersion = 0;
        Map<String, Object> values = null;
        List<Violation> problems = List.of();
        Instant receivedAt = null;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken token = parser.nextToken();
            switch (name) {
                case "dataset" -> dataset = parser.getValueAsString();
                case "recordId" -> recordId = UUID.fromString(parser.getString());
                case "batchId" -> batchId = UUID.fromString(parser.getString());
                case "row" -> row = parser.getValueAsLong(0);
                case "schemaVersion" -> schemaVersion = parser.getValueAsInt(0);
                case "receivedAt" -> {
                    if (token != JsonToken.VALUE_NULL) {
                        String at = parser.getString();
                        if (!at.equals(previous.receivedText)) {
                            previous.received = Instant.parse(at);
                            previous.receivedText = at;
                        }
                        receivedAt = previous.received;
                    }
                }
                case "problems" -> {
                    if (token == JsonToken.START_ARRAY) {
                        // nearly always empty: data binding only for problems there are
                        if (parser.nextToken() != JsonToken.END_ARRAY) {
                            List<Violation> found = new ArrayList<>();
                            do {
                                found.add(violation.readValue(parser));
                            }
                            while (parser.nextToken() != JsonToken.END_ARRAY);
                            problems = found;
                        }
                    }
                    else if (token != JsonToken.VALUE_NULL) {
                        throw new IllegalArgumentException("problems must be an array, was " + token);
                    }
                }
                case "values" -> {
                    StreamedEnvelope.expect(token, JsonToken.START_OBJECT, "values");
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    Columns known = dataset == null ? null : previous.columns(dataset, schemaVersion, columns);
                    if (known != null) {
                        boolean repeated = false;
                        Row read = new Row(known);
                        int expected = 0;
                        for (String column = parser.nextName(); column != null; column = parser.nextName()) {
                            int before = read.size();
                            expected = read.put(column, scalar(parser, parser.nextToken()), expected) + 1;
                            repeated |= read.size() == before;
                        }
                        int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
                        // a column given twice: the text does not stand for the values
                        read.text(repeated ? null : new ValuesJson(bytes, start, end));
                        values = read;
                    }
                    else {
                        values = new LinkedHashMap<>();
                        for (String column = parser.nextName(); column != null; column = parser.nextName()) {
                            values.put(column, scalar(parser, parser.nextToken()));
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (dataset == null || recordId == null || batchId == null || values == null) {
            throw new IllegalArgumentException("a record lacks one of dataset, recordId, batchId, values");
        }
        return new RecordIngested(dataset, recordId, batchId, row, schemaVersion, values, problems, receivedAt);
    }

    /** A value as data binding would read it into a map: strings, Integer/Long/BigInteger, Double, Boolean, null. */
    private Object scalar(JsonParser parser, JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT -> {
                Number number = parser.getNumberValue();
                yield number instanceof BigInteger big ? big : number;
            }
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> nested.readValue(parser);
        };
    }

    /**
     * What the chunk's previous record had: the records of a chunk came in one batch (one receipt time, parsed
     * once) of one dataset, mostly of one schema version (its columns looked up once).
     */
    private static final class Previous {

        private Instant received;
        private String receivedText;
        private String dataset;
        private int version;
        private Columns columns;

        /** The columns of {@code dataset} at {@code version}, or null when they cannot be had. */
        Columns columns(String dataset, int version, BiFunction<String, Integer, Columns> lookup) {
            if (version != this.version || !dataset.equals(this.dataset)) {
                this.dataset = dataset;
                this.version = version;
                try {
                    columns = version > 0 ? lookup.apply(dataset, version) : null;
                }
                catch (RuntimeException unknown) {
                    columns = null;
                }
            }
            return columns;
        }
    }
}

package io.vishwaops.ingestion.record.messaging;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vishwaops.contracts.Topics;
import io.vishwaops.ingestion.dataset.DatasetDefinitions;
import io.vishwaops.ingestion.dataset.DatasetVersion;
import io.vishwaops.ingestion.record.RecordPublisher;
import io.vishwaops.messaging.DeadLetters;
import io.vishwaops.problems.NotFound;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka door: data engineers write plain JSON objects to {@code vops.raw.<dataset>}. Subscribed by pattern,
 * so a new dataset's topic is picked up without a restart. Each poll is one Kafka transaction: the records of
 * each dataset in it become one batch on {@code vops.records.ingested}, counted by its {@code records.received}
 * event, and the consumed offsets commit with them. What cannot be a record (not UTF-8, not JSON, not an
 * object, an undefined dataset) goes to {@code vops.raw.<dataset>.DLT} with the reason, in the same transaction.
 */
@Component
class RawRecordsListener {

    private final DatasetDefinitions datasets;
    private final RecordPublisher publisher;
    private final KafkaTemplate<Object, Object> kafka;
    private final JsonMapper json;

    RawRecordsListener(DatasetDefinitions datasets, RecordPublisher publisher, KafkaTemplate<Object, Object> kafka,
            JsonMapper json) {
        this.datasets = datasets;
        this.publisher = publisher;
        this.kafka = kafka;
        this.json = json;
    }

    @KafkaListener(id = "ingestion-raw-records", topicPattern = Topics.RAW_PATTERN + "(?<!\\.DLT)",
            containerFactory = "vopsTransactionalBatchFactory")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, RecordPublisher.Batch> batches = new LinkedHashMap<>();
        Map<String, DatasetVersion> schemas = new LinkedHashMap<>();
        Map<String, String> topics = new HashMap<>();
        Names names = new Names();
        for (ConsumerRecord<String, byte[]> record : records) {
            String dataset = topics.computeIfAbsent(record.topic(), t -> t.substring(Topics.RAW_PREFIX.length()));
            DatasetVersion schema;
            try {
                schema = schemas.computeIfAbsent(dataset, datasets::current);
            }
            catch (NotFound ex) {
                DeadLetters.send(kafka, record, "dataset '" + dataset + "' is not defined: define it with "
                        + "POST /api/v1/datasets, then replay this record");
                continue;
            }
            RawObject object;
            try {
                object = object(record.value(), schema.schema().columns().size(), schema.schema().entityKey(), names);
            }
            catch (IllegalArgumentException ex) {
                DeadLetters.send(kafka, record, ex.getMessage());
                continue;
            }
            RecordPublisher.Batch batch = batches.computeIfAbsent(dataset, d -> publisher.within(kafka, schema, "kafka"));
            if (object.values() == null) {
                batch.addJson(object.clientId(), object.entity(), object.json());
            }
            else {
                batch.addJson(object.values(), object.json());
            }
        }
        batches.values().forEach(RecordPublisher.Batch::finish);
    }

    private static boolean utf8(byte[] value) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value));
            return true;
        }
        catch (CharacterCodingException ex) {
            return false;
        }
    }

    /**
     * A raw record: the same values as the JSON text they arrived in without the client's {@code _id} field (null
     * when that text cannot stand for them: a name given twice), which travels on as it is; and either its values,
     * or (when it has its client's id and its text, so that nothing needs the values one by one) only that id and
     * the value of the dataset's entity key.
     */
    record RawObject(Map<String, Object> values, byte[] json, Object clientId, Object entity) {

        RawObject(Map<String, Object> values, byte[] json) {
            this(values, json, null, null);
        }
    }

    /** {@link #object(byte[], int, String, Names)} with every value read. */
    RawObject object(byte[] value, int columns) {
        return object(value, columns, null, null);
    }

    /**
     * Reads a raw record in one streaming pass, noting where the {@code _id} field lies so that the values' text is
     * the message's bytes with that field cut out. With {@code names} to tell a field given twice, a record that
     * has its client's id is only checked to be an object of scalars: its values travel as text, and only the id
     * and the value of {@code entityKey} (the column ingestion keys records by) are read; other records are read
     * value by value.
     */
    RawObject object(byte[] value, int columns, String entityKey, Names names) {
        if (value == null) {
            throw new IllegalArgumentException("empty record: expected a JSON object");
        }
        if (names != null) {
            RawObject scanned = scan(value, entityKey, names);
            if (scanned != null) {
                return scanned;
            }
        }
        try (JsonParser parser = json.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new RawObject(parsed(value), null);
            }
            int start = (int) parser.currentTokenLocation().getByteOffset();
            // sized for the dataset's columns and the client's id
            Map<String, Object> values = LinkedHashMap.newLinkedHashMap(columns + 1);
            boolean repeated = false;
            IdField id = new IdField();
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                int at = id.fieldAt(parser);
                JsonToken token = parser.nextToken();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    throw new IllegalArgumentException("field '" + name
                            + "' is a nested object or array; values must be JSON scalars");
                }
                int before = values.size();
                values.put(name, scalar(parser, token));
                repeated |= values.size() == before;
                if (name.equals(RecordPublisher.CLIENT_ID)) {
                    repeated |= id.start >= 0;
                    id.start = at;
                }
            }
            int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("not valid JSON: more than one value in the record");
            }
            return new RawObject(values, repeated ? null : cut(value, start, end, id.start, id.end));
        }
        catch (JacksonException ex) {
            // the parser refuses bad UTF-8 too; say which of the two it was only when it failed
            throw new IllegalArgumentException(utf8(value) ? "not valid JSON: " + ex.getOriginalMessage() : "not UTF-8 text");
        }
    }

    /**
     * The record as its text, its client's id and its entity key's value, when it is an object of scalars with a
     * client id, each name once; else null (read it value by value). The values are tokenized, which checks their
     * JSON and UTF-8, but not made into strings and numbers.
     */
    private RawObject scan(byte[] value, String entityKey, Names names) {
        names.clear();
        try (JsonParser parser = json.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int start = (int) parser.currentTokenLocation().getByteOffset();
            Object clientId = null;
            Object entity = null;
            IdField id = new IdField();
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                int at = id.fieldAt(parser);
                JsonToken token = parser.nextToken();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY || !names.add(name)) {
                    return null;
                }
                if (name.equals(RecordPublisher.CLIENT_ID)) {
                    id.start = at;
                    clientId = scalar(parser, token);
                }
                else if (name.equals(entityKey)) {
                    entity = scalar(parser, token);
                }
            }
            int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
            if (clientId == null || parser.nextToken() != null) {
                return null;
            }
            return new RawObject(null, cut(value, start, end, id.start, id.end), clientId, entity);
        }
        catch (JacksonException ex) {
            // read again value by value, which says what is wrong
            return null;
        }
    }

    /**
     * Where the client's {@code _id} field lies in a record's text, {@code [start, end)}: its name's offset, and the
     * next field's (-1 while unknown: the last field runs to the closing brace).
     */
    private static final class IdField {

        private int start = -1;
        private int end = -1;

        /** The offset of the field whose name the parser is at; it ends the id field when that came just before. */
        int fieldAt(JsonParser parser) {
            int at = (int) parser.currentTokenLocation().getByteOffset();
            if (start >= 0 && end < 0) {
                end = at;
            }
            return at;
        }
    }

    /** A scalar's value as data binding would read it into a map: strings, numbers, booleans, null. */
    private static Object scalar(JsonParser parser, JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    /** The field names of one record, to tell a name given twice: an open-addressing set, cleared record by record. */
    static final class Names {

        private String[] slots = new String[64];
        private int size;

        void clear() {
            if (size > 0) {
                Arrays.fill(slots, null);
                size = 0;
            }
        }

        /** Adds {@code name}; false when the record had it already. */
        boolean add(String name) {
            if (2 * (size + 1) > slots.length) {
                String[] old = slots;
                slots = new String[old.length * 2];
                size = 0;
                for (String kept : old) {
                    if (kept != null) {
                        add(kept);
                    }
                }
            }
            int mask = slots.length - 1;
            for (int i = name.hashCode() & mask; ; i = (i + 1) & mask) {
                String at = slots[i];
                if (at == null) {
                    slots[i] = name;
                    size++;
                    return true;
                }
                if (at.equals(name)) {
                    return false;
                }
            }
        }
    }

    /** The object's text {@code [start, end)} without the field from {@code idStart} (none when negative). */
    private static byte[] cut(byte[] value, int start, int end, int idStart, int idEnd) {
        if (idStart < 0) {
            return Arrays.copyOfRange(value, start, end);
        }
        int from = idStart;
        int to = idEnd;
        if (idEnd < 0) {
            // the last field: cut from the comma before it, if any, to the closing brace
            to = end - 1;
            int comma = idStart - 1;
            while (comma > start && value[comma] != ',') {
                comma--;
            }
            from = comma > start ? comma : start + 1;
        }
        byte[] json = new byte[end - start - (to - from)];
        System.arraycopy(value, start, json, 0, from - start);
        System.arraycopy(value, to, json, from - start, end - to);
        return json;
    }

    /** The general reading, for what is not a JSON object, to say what it is instead. */
    private Map<String, Object> parsed(byte[] value) {
        Object parsed;
        try {
            parsed = json.readValue(value, Object.class);
        }
        catch (JacksonException ex) {
            // the parser refuses bad UTF-8 too; say which of the two it was only when it failed
            throw new IllegalArgumentException(utf8(value) ? "not valid JSON: " + ex.getOriginalMessage() : "not UTF-8 text");
        }
        if (!(parsed instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("expected a JSON object, got " + (parsed == null ? "nothing"
                    : parsed instanceof List ? "ARRAY" : parsed.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT)));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> field : object.entrySet()) {
            if (field.getValue() instanceof Map || field.getValue() instanceof List) {
                throw new IllegalArgumentException("field '" + field.getKey()
                        + "' is a nested object or array; values must be JSON scalars");
            }
            values.put((String) field.getKey(), field.getValue());
        }
        return values;
    }
}

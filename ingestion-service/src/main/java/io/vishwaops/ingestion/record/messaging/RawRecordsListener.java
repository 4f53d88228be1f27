package io.vishwaops.ingestion.record.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
        for (ConsumerRecord<String, byte[]> record : records) {
            String dataset = record.topic().substring(Topics.RAW_PREFIX.length());
            DatasetVersion schema;
            try {
                schema = schemas.computeIfAbsent(dataset, datasets::current);
            }
            catch (NotFound ex) {
                DeadLetters.send(kafka, record, "dataset '" + dataset + "' is not defined: define it with "
                        + "POST /api/v1/datasets, then replay this record");
                continue;
            }
            Map<String, Object> values;
            try {
                values = object(record.value());
            }
            catch (IllegalArgumentException ex) {
                DeadLetters.send(kafka, record, ex.getMessage());
                continue;
            }
            batches.computeIfAbsent(dataset, d -> publisher.within(kafka, schema, "kafka"))
                    .add(values, List.of());
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

    private Map<String, Object> object(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("empty record: expected a JSON object");
        }
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

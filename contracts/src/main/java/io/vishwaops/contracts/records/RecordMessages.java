package io.vishwaops.contracts.records;

import java.util.Map;

/**
 * How many records one message of {@link RecordsIngested} or {@link RecordsValidated} carries: up to
 * {@link #MAX_RECORDS} records or about {@link #MAX_BYTES} of JSON, well under Kafka's 1 MB per message. Ingestion
 * and validation fill their messages by the same rule.
 */
public final class RecordMessages {

    public static final int MAX_RECORDS = 1000;
    public static final long MAX_BYTES = 256 * 1024;

    private RecordMessages() {
    }

    /** About how many bytes of JSON a record's values take, with its envelope, counting a character as up to 3 bytes. */
    public static long estimatedSize(Map<String, Object> values) {
        long size = 240;
        for (Map.Entry<String, Object> value : values.entrySet()) {
            size += 6 + 3L * value.getKey().length()
                    + (value.getValue() instanceof String text ? 3L * text.length() + 2 : 24);
        }
        return size;
    }

    /** Whether a message holding {@code records} records of about {@code bytes} bytes is full. */
    public static boolean full(int records, long bytes) {
        return records >= MAX_RECORDS || bytes >= MAX_BYTES;
    }
}

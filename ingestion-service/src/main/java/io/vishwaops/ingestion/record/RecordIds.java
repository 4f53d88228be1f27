package io.vishwaops.ingestion.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * Record ids that make re-sending idempotent: the same client id, or for records without one the same content,
 * gives the same id within a dataset. Name-based (RFC 4122 version 3) UUIDs over the dataset name and the id.
 */
final class RecordIds {

    /** The reserved field a client puts its own record id in. */
    static final String CLIENT_ID = "_id";

    private final JsonMapper json;

    RecordIds(JsonMapper json) {
        this.json = json;
    }

    UUID of(String dataset, Object clientId, Map<String, Object> values) {
        String key = clientId != null ? "id:" + clientId : "content:" + json.writeValueAsString(new TreeMap<>(values));
        return nameBased((dataset + '\u0000' + key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@link UUID#nameUUIDFromBytes}, with the thread's digest kept instead of looked up for every record: the MD5
     * of the name with the version (3) and variant bits set.
     */
    static UUID nameBased(byte[] name) {
        byte[] md5 = MD5.get().digest(name);
        md5[6] = (byte) ((md5[6] & 0x0f) | 0x30);
        md5[8] = (byte) ((md5[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(md5);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new InternalError("MD5 not supported", ex);
        }
    });
}

package io.vishwaops.ingestion.record;

import java.nio.charset.StandardCharsets;
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
        return UUID.nameUUIDFromBytes((dataset + '\u0000' + key).getBytes(StandardCharsets.UTF_8));
    }
}

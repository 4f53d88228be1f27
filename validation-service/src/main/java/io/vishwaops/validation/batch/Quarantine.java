package io.vishwaops.validation.batch;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.records.Violation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The quarantined records of each ingestion batch, with every reason (the counts are in the batch status). */
@Service
public class Quarantine {

    private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Quarantine(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public List<QuarantinedRecord> quarantined(UUID batchId, int offset, int limit) {
        return jdbc.sql("""
                select batch_id, row_number, record_id, values, violations, checked_at from validation_outcome
                where batch_id = :batchId and not valid order by row_number offset :offset limit :limit""")
                .param("batchId", batchId)
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, n) -> new QuarantinedRecord(rs.getObject("batch_id", UUID.class), rs.getLong("row_number"),
                        rs.getObject("record_id", UUID.class), json.readValue(rs.getString("values"), VALUES),
                        json.readValue(rs.getString("violations"), VIOLATIONS),
                        rs.getTimestamp("checked_at").toInstant()))
                .list();
    }
}

package io.vishwaops.registry.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vishwaops.registry.system.CallerLookup;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only record of every change to the registry: who, when, what, the state before and after,
 * and why. An entry is written in the transaction of the change, so a rolled-back change leaves none;
 * the table refuses updates and deletes.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CallerLookup callers;
    private final Clock clock = Clock.systemUTC();

    AuditLog(JdbcClient jdbc, JsonMapper json, CallerLookup callers) {
        this.jdbc = jdbc;
        this.json = json;
        this.callers = callers;
    }

    /** One audited change. */
    public record Entry(long id, Instant at, String actor, String action, String entityType, String entityId,
            JsonNode before, JsonNode after, String reason) {
    }

    /** What to look for; every part may be null. */
    public record Query(String entityType, String entityId, String actor, String action, Instant from, Instant to,
            Long afterId, int limit) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String entityType, String entityId, Object before, Object after, String reason) {
        jdbc.sql("""
                insert into audit_entry (at, actor, action, entity_type, entity_id, before, after, reason)
                values (:at, :actor, :action, :entityType, :entityId, cast(:before as jsonb), cast(:after as jsonb), :reason)""")
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", callers.current().user())
                .param("action", action)
                .param("entityType", entityType)
                .param("entityId", entityId)
                .param("before", before == null ? null : json.writeValueAsString(before))
                .param("after", after == null ? null : json.writeValueAsString(after))
                .param("reason", reason)
                .update();
    }

    @Transactional(readOnly = true)
    public List<Entry> search(Query query) {
        StringBuilder sql = new StringBuilder("select * from audit_entry where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.entityType() != null) {
            sql.append(" and entity_type = :entityType");
            params.put("entityType", query.entityType());
        }
        if (query.entityId() != null) {
            sql.append(" and entity_id = :entityId");
            params.put("entityId", query.entityId());
        }
        if (query.actor() != null) {
            sql.append(" and actor = :actor");
            params.put("actor", query.actor());
        }
        if (query.action() != null) {
            sql.append(" and action = :action");
            params.put("action", query.action());
        }
        if (query.from() != null) {
            sql.append(" and at >= :from");
            params.put("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and at < :to");
            params.put("to", Timestamp.from(query.to()));
        }
        if (query.afterId() != null) {
            sql.append(" and id > :afterId");
            params.put("afterId", query.afterId());
        }
        sql.append(" order by id limit :limit");
        params.put("limit", query.limit());
        List<Entry> entries = new ArrayList<>();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            entries.add(new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                    rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
                    tree(rs.getString("before")), tree(rs.getString("after")), rs.getString("reason")));
        });
        return entries;
    }

    private JsonNode tree(String text) {
        return text == null ? null : json.readTree(text);
    }
}

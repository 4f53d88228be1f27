package io.vishwaops.feature.online;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.feature.derived.DerivedFeatures;
import io.vishwaops.problems.InvalidInput;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newest vector of each entity of each dataset, one row keyed by (dataset, entity id), moved forward in the
 * transaction that stores the records it comes from. A lookup is one primary-key read; the dataset's schema, derived
 * features and time to live come from the {@link OnlineCatalog} in memory.
 */
@Service
public class OnlineStore {

    private static final TypeReference<LinkedHashMap<String, Object>> VALUES = new TypeReference<>() {
    };
    private static final String SELECT = "select entity_id, record_id, values::text as values, event_time, updated_at "
            + "from online_vector where dataset = ? and ";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final OnlineCatalog catalog;
    private final OnlineProperties properties;

    OnlineStore(JdbcTemplate jdbc, JsonMapper json, OnlineCatalog catalog, OnlineProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.catalog = catalog;
        this.properties = properties;
    }

    /**
     * A newly stored record of an entity.
     *
     * @param values the record's values as JSON
     * @param eventTime when its facts held; {@code null} when its dataset has no event time (then arrival orders)
     */
    public record Update(String dataset, String entityId, UUID recordId, String values, Instant eventTime) {
    }

    /**
     * Makes each update its entity's vector unless the vector holds a later event. Updates arrive in the order they
     * were stored; of several for one entity the latest event wins (on a tie, the later arrival), so one statement
     * never touches a row twice, and rows are written in key order so concurrent writers cannot deadlock. Runs in the
     * caller's transaction.
     */
    public void apply(List<Update> updates) {
        if (updates.isEmpty()) {
            return;
        }
        Map<String, Update> newest = new LinkedHashMap<>();
        for (Update update : updates) {
            newest.merge(update.dataset() + '\u0000' + update.entityId(), update, (held, next) ->
                    held.eventTime() != null && next.eventTime() != null && next.eventTime().isBefore(held.eventTime())
                            ? held : next);
        }
        List<Update> rows = new ArrayList<>(newest.values());
        rows.sort(Comparator.comparing(Update::dataset).thenComparing(Update::entityId));
        int n = rows.size();
        String[] datasets = new String[n];
        String[] entities = new String[n];
        String[] records = new String[n];
        String[] values = new String[n];
        String[] times = new String[n];
        for (int i = 0; i < n; i++) {
            Update row = rows.get(i);
            datasets[i] = row.dataset();
            entities[i] = row.entityId();
            records[i] = row.recordId().toString();
            values[i] = row.values();
            times[i] = row.eventTime() == null ? null : row.eventTime().toString();
        }
        jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into online_vector (dataset, entity_id, record_id, values, event_time, updated_at)
                    select d, e, cast(r as uuid), cast(v as jsonb), cast(t as timestamptz), clock_timestamp()
                    from unnest(?, ?, ?, ?, ?) as u(d, e, r, v, t)
                    on conflict (dataset, entity_id) do update
                    set record_id = excluded.record_id, values = excluded.values, event_time = excluded.event_time,
                        updated_at = excluded.updated_at
                    where excluded.event_time is null or online_vector.event_time is null
                        or excluded.event_time >= online_vector.event_time""")) {
                upsert.setArray(1, connection.createArrayOf("text", datasets));
                upsert.setArray(2, connection.createArrayOf("text", entities));
                upsert.setArray(3, connection.createArrayOf("text", records));
                upsert.setArray(4, connection.createArrayOf("text", values));
                upsert.setArray(5, connection.createArrayOf("text", times));
                return upsert.executeUpdate();
            }
        });
    }

    /** The entity's vector; {@link EntityNotFound} when there is none or it has expired. */
    public FeatureVector get(String dataset, String entityId) {
        OnlineCatalog.Entry entry = catalog.get(dataset);
        Instant now = Instant.now();
        List<FeatureVector> found = jdbc.query(SELECT + "entity_id = ?", (rs, n) -> vector(dataset, entry, rs, now),
                dataset, entityId);
        if (found.isEmpty()) {
            throw new EntityNotFound(dataset, entityId);
        }
        FeatureVector vector = found.getFirst();
        if (expired(entry, vector)) {
            throw new EntityNotFound(dataset, entityId, asOf(vector), entry.ttl());
        }
        return vector;
    }

    /** Vectors found, in the order asked, and the ids with none or an expired one. */
    public record Lookup(String dataset, List<FeatureVector> vectors, List<String> notFound, List<String> expired) {
    }

    public Lookup lookup(String dataset, List<String> entityIds) {
        if (entityIds == null || entityIds.isEmpty()) {
            throw new InvalidInput("entityIds", "must list at least one entity id");
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < entityIds.size(); i++) {
            String id = entityIds.get(i);
            if (id == null || id.isEmpty()) {
                throw new InvalidInput("entityIds[" + i + "]", "must be an entity id, was " + (id == null ? "null" : "empty"));
            }
            ids.add(id);
        }
        if (ids.size() > properties.maxBatch()) {
            throw new InvalidInput("entityIds", "holds " + ids.size() + " distinct ids; at most "
                    + properties.maxBatch() + " may be looked up at once");
        }
        OnlineCatalog.Entry entry = catalog.get(dataset);
        Instant now = Instant.now();
        Map<String, FeatureVector> found = new LinkedHashMap<>();
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT + "entity_id = any(?)")) {
                select.setString(1, dataset);
                select.setArray(2, connection.createArrayOf("text", ids.toArray(String[]::new)));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        FeatureVector vector = vector(dataset, entry, rs, now);
                        found.put(vector.entityId(), vector);
                    }
                }
            }
            return null;
        });
        List<FeatureVector> vectors = new ArrayList<>(found.size());
        List<String> notFound = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        for (String id : ids) {
            FeatureVector vector = found.get(id);
            if (vector == null) {
                notFound.add(id);
            }
            else if (expired(entry, vector)) {
                expired.add(id);
            }
            else {
                vectors.add(vector);
            }
        }
        return new Lookup(dataset, vectors, notFound, expired);
    }

    private FeatureVector vector(String dataset, OnlineCatalog.Entry entry, ResultSet rs, Instant now)
            throws SQLException {
        LinkedHashMap<String, Object> stored = json.readValue(rs.getString("values"), VALUES);
        Timestamp eventTime = rs.getTimestamp("event_time");
        Instant at = eventTime == null ? null : eventTime.toInstant();
        Instant updatedAt = rs.getTimestamp("updated_at").toInstant();
        long ageMs = Math.max(0, Duration.between(at == null ? updatedAt : at, now).toMillis());
        Map<String, Object> values = new LinkedHashMap<>();
        for (ColumnSpec column : entry.schema().schema().columns()) {
            values.put(column.name(), stored.remove(column.name()));
        }
        values.putAll(stored);
        for (DerivedFeatures.Compiled feature : entry.derived()) {
            Object value = feature.evaluate(values);
            values.put(feature.name(), value instanceof Instant instant ? instant.toString() : value);
        }
        FeatureVector.Freshness freshness = new FeatureVector.Freshness(at, updatedAt, ageMs);
        Map<String, FeatureVector.Freshness> perValue = new LinkedHashMap<>();
        for (String name : values.keySet()) {
            perValue.put(name, freshness);
        }
        return new FeatureVector(dataset, rs.getString("entity_id"), rs.getObject("record_id", UUID.class), at,
                updatedAt, ageMs, values, perValue);
    }

    private static boolean expired(OnlineCatalog.Entry entry, FeatureVector vector) {
        return entry.ttl() != null && vector.ageMs() > entry.ttl().toMillis();
    }

    private static Instant asOf(FeatureVector vector) {
        return vector.eventTime() != null ? vector.eventTime() : vector.updatedAt();
    }
}

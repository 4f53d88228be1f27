package io.vishwaops.feature.snapshot;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.contracts.datasets.SnapshotCreated;
import io.vishwaops.feature.dataset.DatasetSchemas;
import io.vishwaops.feature.derived.DerivedFeature;
import io.vishwaops.feature.derived.DerivedFeatures;
import io.vishwaops.feature.derived.RowValues;
import io.vishwaops.messaging.Outbox;
import io.vishwaops.problems.InvalidInput;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes, keeps and reads snapshots. A snapshot is a list of record ids ({@code snapshot_row}) over the offline
 * store, whose records are never updated or deleted, so it cannot change once made; its hash, profile and lineage
 * are computed in one pass over its rows in record id order, through a cursor, in the transaction that makes it.
 */
@Service
public class SnapshotStore {

    private static final TypeReference<List<ColumnProfile>> PROFILE = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> COLUMNS = new TypeReference<>() {
    };
    private static final TypeReference<List<Snapshot.Derived>> DERIVED = new TypeReference<>() {
    };
    private static final String ROWS = """
            select o.record_id, o.batch_id, o.values::text as values
            from snapshot_row s join offline_record o on o.dataset = ? and o.record_id = s.record_id
            where s.snapshot_id = ? order by s.record_id""";

    private final JdbcClient jdbc;
    private final JdbcTemplate cursor;
    private final JsonMapper json;
    private final ObjectReader values;
    private final DatasetSchemas schemas;
    private final Outbox outbox;
    private final SnapshotProperties properties;
    private final DerivedFeatures derivedFeatures;

    SnapshotStore(JdbcClient jdbc, DataSource dataSource, JsonMapper json, DatasetSchemas schemas, Outbox outbox,
            SnapshotProperties properties, DerivedFeatures derivedFeatures) {
        this.derivedFeatures = derivedFeatures;
        this.jdbc = jdbc;
        this.cursor = new JdbcTemplate(dataSource);
        this.cursor.setFetchSize(properties.fetchSize());
        this.json = json;
        // numbers as written, so 0.1 is hashed as 0.1 and not as the double nearest to it
        this.values = json.readerFor(JsonNode.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.schemas = schemas;
        this.outbox = outbox;
        this.properties = properties;
    }

    /**
     * Snapshots every record of {@code dataset} stored so far, or only those whose event time is at or before
     * {@code eventTimeCutoff}, and emits {@code snapshot.created} with it.
     */
    @Transactional(isolation = Isolation.REPEATABLE_READ)
    public Snapshot create(String dataset, Instant eventTimeCutoff) {
        if (dataset == null || dataset.isBlank()) {
            throw new InvalidInput("dataset", "is required: the name of a defined dataset");
        }
        DatasetSchemas.Versioned current = schemas.current(dataset);
        DatasetSchema schema = current.schema();
        if (eventTimeCutoff != null && schema.eventTime() == null) {
            throw new InvalidInput("eventTimeCutoff", "dataset '" + dataset
                    + "' has no event-time column, so there is nothing to cut off by; leave it out");
        }
        UUID id = UUID.randomUUID();
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // one view of the store for the whole transaction (repeatable read): the rows hashed below are exactly the
        // rows listed here, read straight from the store in key order rather than joined back through the list
        String selected = "from offline_record where dataset = ?"
                + (eventTimeCutoff == null ? "" : " and (values ->> cast(? as text))::timestamptz <= ?");
        Object[] args = eventTimeCutoff == null ? new Object[] {dataset}
                : new Object[] {dataset, schema.eventTime(), Timestamp.from(eventTimeCutoff)};
        if (eventTimeCutoff == null) {
            jdbc.sql("""
                    insert into snapshot_row (snapshot_id, record_id)
                    select :id, record_id from offline_record where dataset = :dataset""")
                    .param("id", id).param("dataset", dataset).update();
        }
        else {
            // validation stores timestamps as ISO-8601 instants; a row without an event time cannot be placed
            jdbc.sql("""
                    insert into snapshot_row (snapshot_id, record_id)
                    select :id, record_id from offline_record
                    where dataset = :dataset and (values ->> :eventTime)::timestamptz <= :cutoff""")
                    .param("id", id).param("dataset", dataset).param("eventTime", schema.eventTime())
                    .param("cutoff", Timestamp.from(eventTimeCutoff)).update();
        }

        List<DerivedFeatures.Compiled> derived = derivedFeatures.compiled(dataset, schema);
        List<ColumnSpec> profiled = new ArrayList<>(schema.columns());
        for (DerivedFeatures.Compiled feature : derived) {
            profiled.add(new ColumnSpec(feature.name(), feature.feature().type(), true, List.of(), null, null, null,
                    feature.feature().description()));
        }
        MessageDigest sha256 = sha256();
        ColumnProfiler profiler = new ColumnProfiler(profiled, properties.distinctCap(),
                properties.topCategories(), properties.quantileSample());
        TreeSet<String> batches = new TreeSet<>();
        long[] rows = {0};
        cursor.query("select record_id, batch_id, values::text as values " + selected + " order by record_id", rs -> {
            UUID recordId = rs.getObject("record_id", UUID.class);
            ObjectNode row = values.readValue(rs.getString("values"));
            RowValues.addDerived(row, derived);
            sha256.update(CanonicalRow.of(recordId, row).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            profiler.add(row);
            batches.add(rs.getString("batch_id"));
            rows[0]++;
        }, args);

        Snapshot snapshot = new Snapshot(id, dataset, HexFormat.of().formatHex(sha256.digest()), rows[0],
                current.version(), eventTimeCutoff, batches.stream().map(UUID::fromString).toList(),
                profiler.columnNames(), profiler.finish(), derived.stream().map(feature -> new Snapshot.Derived(
                        feature.name(), feature.feature().expression(), feature.feature().type())).toList(),
                createdAt);
        jdbc.sql("""
                insert into snapshot (id, dataset, sha256, row_count, schema_version, event_time_cutoff, batch_ids,
                    columns, profile, derived_features, created_at)
                values (:id, :dataset, :sha256, :rowCount, :schemaVersion, :cutoff, cast(:batchIds as uuid[]),
                    cast(:columns as jsonb), cast(:profile as jsonb), cast(:derived as jsonb), :createdAt)""")
                .param("id", id)
                .param("dataset", dataset)
                .param("sha256", snapshot.sha256())
                .param("rowCount", snapshot.rowCount())
                .param("schemaVersion", snapshot.schemaVersion())
                .param("cutoff", eventTimeCutoff == null ? null : Timestamp.from(eventTimeCutoff))
                .param("batchIds", "{" + String.join(",", batches) + "}")
                .param("columns", json.writeValueAsString(snapshot.columns()))
                .param("profile", json.writeValueAsString(snapshot.profile()))
                .param("derived", json.writeValueAsString(snapshot.derivedFeatures()))
                .param("createdAt", Timestamp.from(createdAt))
                .update();
        outbox.append(dataset, new SnapshotCreated(id, dataset, snapshot.sha256(), snapshot.rowCount(),
                snapshot.schemaVersion(), eventTimeCutoff, snapshot.batchIds(), createdAt));
        return snapshot;
    }

    @Transactional(readOnly = true)
    public Snapshot find(UUID id) {
        return jdbc.sql("select * from snapshot where id = :id")
                .param("id", id)
                .query(this::snapshot)
                .optional()
                .orElseThrow(() -> new SnapshotNotFound(id));
    }

    /** Snapshots, newest first; of one dataset when it is given. */
    @Transactional(readOnly = true)
    public List<Snapshot.Summary> list(String dataset, int offset, int limit) {
        String where = dataset == null ? "" : "where dataset = :dataset ";
        var query = jdbc.sql("select * from snapshot " + where + "order by created_at desc, id offset :offset limit :limit")
                .param("offset", offset)
                .param("limit", limit);
        if (dataset != null) {
            query = query.param("dataset", dataset);
        }
        return query.query(this::snapshot).list().stream().map(Snapshot::summary).toList();
    }

    /**
     * Writes the snapshot's rows to {@code out} in record id order, fetched from the database a few thousand at a
     * time, so a snapshot of any size streams in constant memory.
     */
    @Transactional(readOnly = true)
    public void writeRows(Snapshot snapshot, RowFormat format, OutputStream out) {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        List<DerivedFeatures.Compiled> derived = derived(snapshot);
        try {
            format.header(writer, snapshot.columns());
            cursor.query(ROWS, rs -> {
                ObjectNode row = values.readValue(rs.getString("values"));
                RowValues.addDerived(row, derived);
                format.write(writer, snapshot.columns(), rs.getObject("record_id", UUID.class), row);
            }, snapshot.dataset(), snapshot.id());
            writer.flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The derived features the snapshot recorded, compiled as they were when it was made. */
    private List<DerivedFeatures.Compiled> derived(Snapshot snapshot) {
        if (snapshot.derivedFeatures().isEmpty()) {
            return List.of();
        }
        DatasetSchema schema = schemas.find(snapshot.dataset(), snapshot.schemaVersion()).orElseThrow(
                () -> new IllegalStateException("schema version " + snapshot.schemaVersion() + " of dataset '"
                        + snapshot.dataset() + "' is gone, yet snapshot " + snapshot.id() + " was made with it"));
        List<DerivedFeature> features = snapshot.derivedFeatures().stream().map(d -> new DerivedFeature(
                snapshot.dataset(), d.name(), d.expression(), d.type(), List.of(), null, snapshot.schemaVersion(),
                snapshot.createdAt())).toList();
        List<DerivedFeatures.Compiled> compiled = DerivedFeatures.compile(features, schema);
        if (compiled.size() != features.size()) {
            throw new IllegalStateException("snapshot " + snapshot.id() + " holds derived features that no longer "
                    + "compile against schema version " + snapshot.schemaVersion());
        }
        return compiled;
    }

    /** Rows added and removed by record id from {@code fromId} to {@code toId}, and how each column moved. */
    @Transactional(readOnly = true)
    public SnapshotDiff diff(UUID fromId, UUID toId) {
        Snapshot from = find(fromId);
        Snapshot to = find(toId);
        long[] counts = jdbc.sql("""
                select count(*) filter (where a.record_id is null) as added,
                       count(*) filter (where b.record_id is null) as removed,
                       count(*) filter (where a.record_id is not null and b.record_id is not null) as unchanged
                from (select record_id from snapshot_row where snapshot_id = :from) a
                full join (select record_id from snapshot_row where snapshot_id = :to) b on a.record_id = b.record_id""")
                .param("from", fromId)
                .param("to", toId)
                .query((rs, n) -> new long[] {rs.getLong("added"), rs.getLong("removed"), rs.getLong("unchanged")})
                .single();
        var rows = new SnapshotDiff.Rows(counts[0], counts[1], 0, counts[2], onlyIn(toId, fromId),
                onlyIn(fromId, toId));
        return SnapshotDiff.of(from, to, rows);
    }

    private List<UUID> onlyIn(UUID snapshot, UUID other) {
        return jdbc.sql("""
                select s.record_id from snapshot_row s where s.snapshot_id = :snapshot
                and not exists (select 1 from snapshot_row o where o.snapshot_id = :other and o.record_id = s.record_id)
                order by s.record_id limit :limit""")
                .param("snapshot", snapshot)
                .param("other", other)
                .param("limit", properties.diffExamples())
                .query(UUID.class)
                .list();
    }

    private Snapshot snapshot(ResultSet rs, int n) throws SQLException {
        Timestamp cutoff = rs.getTimestamp("event_time_cutoff");
        return new Snapshot(rs.getObject("id", UUID.class), rs.getString("dataset"), rs.getString("sha256"),
                rs.getLong("row_count"), rs.getInt("schema_version"), cutoff == null ? null : cutoff.toInstant(),
                uuids(rs.getArray("batch_ids")), json.readValue(rs.getString("columns"), COLUMNS),
                json.readValue(rs.getString("profile"), PROFILE), json.readValue(rs.getString("derived_features"),
                        DERIVED), rs.getTimestamp("created_at").toInstant());
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        List<UUID> ids = new ArrayList<>(Arrays.asList((UUID[]) array.getArray()));
        ids.sort((a, b) -> a.toString().compareTo(b.toString()));
        return ids;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JVM has SHA-256", ex);
        }
    }
}

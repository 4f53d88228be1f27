package io.vishwaops.feature.trainingset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.feature.dataset.DatasetSchemas;
import io.vishwaops.feature.dataset.EventTimes;
import io.vishwaops.feature.derived.DerivedFeatures;
import io.vishwaops.feature.derived.RowValues;
import io.vishwaops.feature.snapshot.RowFormat;
import io.vishwaops.feature.snapshot.Snapshot;
import io.vishwaops.feature.snapshot.SnapshotStore;
import io.vishwaops.problems.InvalidInput;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Point-in-time correct training sets. Each label row is joined, per feature dataset, with the newest record of the
 * same entity whose event time is at or before the label's ({@code <=}, as Feast's {@code get_historical_features}):
 * never a value from the label's future. The join runs in PostgreSQL, one {@code LATERAL} index probe per label and
 * feature dataset on {@code offline_record (dataset, entity_id, event_time desc, ...)}, and streams out through a
 * cursor, so a training set of any size is written in constant memory.
 */
@Service
public class TrainingSets {

    static final int MAX_FEATURE_DATASETS = 10;

    private final DatasetSchemas schemas;
    private final DerivedFeatures derivedFeatures;
    private final SnapshotStore snapshots;
    private final JdbcTemplate cursor;
    private final ObjectReader values;

    TrainingSets(DatasetSchemas schemas, DerivedFeatures derivedFeatures, SnapshotStore snapshots,
            DataSource dataSource, JsonMapper json) {
        this.schemas = schemas;
        this.derivedFeatures = derivedFeatures;
        this.snapshots = snapshots;
        this.cursor = new JdbcTemplate(dataSource);
        this.cursor.setFetchSize(2000);
        this.values = json.readerFor(JsonNode.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** A checked request, ready to run: {@code columns} are the output's, after {@code _record_id}. */
    public record Plan(String labelDataset, String entityKey, String eventTime, String labelColumn, UUID labelSnapshot,
            Instant cutoff, List<FeatureSide> sides, List<String> columns) {
    }

    record FeatureSide(String dataset, List<String> stored, List<DerivedFeatures.Compiled> derived, UUID snapshotId,
            Duration maxAge) {
    }

    /** Checks {@code spec} against the datasets' schemas, naming the first field that is wrong. */
    @Transactional(readOnly = true)
    public Plan plan(TrainingSetSpec spec) {
        if (spec.labels() == null) {
            throw new InvalidInput("labels", "is required: {\"dataset\": ..., \"column\": ...}");
        }
        TrainingSetSpec.Labels labels = spec.labels();
        DatasetSchema labelSchema = timedSchema("labels.dataset", labels.dataset());
        if (labels.column() == null || column(labelSchema, labels.column()) == null) {
            throw new InvalidInput("labels.column", labels.column() == null ? "is required: the column holding the label"
                    : "'" + labels.column() + "' is not a column of dataset '" + labels.dataset() + "'");
        }
        if (labels.column().equals(labelSchema.entityKey()) || labels.column().equals(labelSchema.eventTime())) {
            throw new InvalidInput("labels.column", "'" + labels.column() + "' is the entity key or event time of '"
                    + labels.dataset() + "', not a label");
        }
        checkSnapshot("labels.snapshotId", labels.snapshotId(), labels.dataset());
        Instant cutoff = null;
        if (spec.cutoff() != null && !spec.cutoff().isBlank()) {
            try {
                cutoff = EventTimes.parse(spec.cutoff());
            }
            catch (DateTimeParseException ex) {
                throw new InvalidInput("cutoff", "must be an ISO-8601 instant such as 2026-03-14T10:00:00Z (or a "
                        + "date-time or date, read as UTC), was '" + spec.cutoff() + "'");
            }
        }
        if (spec.features() == null || spec.features().isEmpty()) {
            throw new InvalidInput("features", "must name at least one feature dataset");
        }
        if (spec.features().size() > MAX_FEATURE_DATASETS) {
            throw new InvalidInput("features", "names " + spec.features().size() + " datasets; at most "
                    + MAX_FEATURE_DATASETS + " may be joined at once");
        }
        List<String> columns = new ArrayList<>(List.of(labelSchema.entityKey(), labelSchema.eventTime(),
                labels.column()));
        Set<String> taken = new HashSet<>(columns);
        List<FeatureSide> sides = new ArrayList<>();
        for (int i = 0; i < spec.features().size(); i++) {
            sides.add(side("features[" + i + "]", spec.features().get(i), columns, taken));
        }
        return new Plan(labels.dataset(), labelSchema.entityKey(), labelSchema.eventTime(), labels.column(),
                labels.snapshotId(), cutoff, sides, columns);
    }

    private FeatureSide side(String field, TrainingSetSpec.Features spec, List<String> columns, Set<String> taken) {
        if (spec == null) {
            throw new InvalidInput(field, "is required: {\"dataset\": ..., \"features\": [...]}");
        }
        DatasetSchema schema = timedSchema(field + ".dataset", spec.dataset());
        checkSnapshot(field + ".snapshotId", spec.snapshotId(), spec.dataset());
        Duration maxAge = null;
        if (spec.maxAge() != null && !spec.maxAge().isBlank()) {
            try {
                maxAge = Duration.parse(spec.maxAge().trim());
            }
            catch (DateTimeParseException ex) {
                throw new InvalidInput(field + ".maxAge", "must be an ISO-8601 duration such as P30D, was '"
                        + spec.maxAge() + "'");
            }
            if (maxAge.isNegative()) {
                throw new InvalidInput(field + ".maxAge", "must not be negative, was " + maxAge);
            }
        }
        Map<String, DerivedFeatures.Compiled> derived = new LinkedHashMap<>();
        derivedFeatures.compiled(spec.dataset(), schema).forEach(d -> derived.put(d.name(), d));
        List<String> names = spec.features();
        if (names == null || names.isEmpty()) {
            names = new ArrayList<>();
            for (ColumnSpec column : schema.columns()) {
                if (!column.name().equals(schema.entityKey()) && !column.name().equals(schema.eventTime())) {
                    names.add(column.name());
                }
            }
            names.addAll(derived.keySet());
            // a default never clashes: what the set already has (the label, say) is not taken again
            names.removeIf(taken::contains);
        }
        List<String> stored = new ArrayList<>();
        List<DerivedFeatures.Compiled> evaluated = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            String pointer = field + ".features[" + j + "]";
            if (column(schema, name) != null) {
                stored.add(name);
            }
            else if (name != null && derived.containsKey(name)) {
                evaluated.add(derived.get(name));
            }
            else {
                throw new InvalidInput(pointer, "'" + name + "' is neither a column nor a derived feature of dataset '"
                        + spec.dataset() + "'");
            }
            if (!taken.add(name)) {
                throw new InvalidInput(pointer, "'" + name + "' is already a column of the training set (a label "
                        + "column or a feature of another dataset); list the features to join explicitly");
            }
            columns.add(name);
        }
        return new FeatureSide(spec.dataset(), stored, evaluated, spec.snapshotId(), maxAge);
    }

    private DatasetSchema timedSchema(String field, String dataset) {
        if (dataset == null || dataset.isBlank()) {
            throw new InvalidInput(field, "is required: the name of a defined dataset");
        }
        DatasetSchema schema = schemas.current(dataset).schema();
        if (schema.entityKey() == null || schema.eventTime() == null) {
            throw new InvalidInput(field, "dataset '" + dataset + "' needs an entity key and an event-time column to "
                    + "be joined point in time; it has " + (schema.entityKey() == null ? "no entity key" : "no event time"));
        }
        return schema;
    }

    private void checkSnapshot(String field, UUID snapshotId, String dataset) {
        if (snapshotId == null) {
            return;
        }
        Snapshot snapshot = snapshots.find(snapshotId);
        if (!snapshot.dataset().equals(dataset)) {
            throw new InvalidInput(field, "snapshot " + snapshotId + " is of dataset '" + snapshot.dataset()
                    + "', not '" + dataset + "'");
        }
    }

    private static ColumnSpec column(DatasetSchema schema, String name) {
        return schema.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Writes the training set: per label row (in event time, entity id, record id order) its record id as
     * {@code _record_id}, its entity key, event time and label, then the features joined as of its event time; a
     * feature dataset with no record of the entity at or before that moment (within {@code maxAge}) leaves its
     * features missing.
     */
    @Transactional(readOnly = true)
    public void write(Plan plan, RowFormat format, OutputStream out) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select l.record_id, l.values::text as l_values");
        for (int i = 0; i < plan.sides().size(); i++) {
            sql.append(", f").append(i).append(".values::text as f").append(i).append("_values");
        }
        sql.append(" from offline_record l");
        for (int i = 0; i < plan.sides().size(); i++) {
            FeatureSide side = plan.sides().get(i);
            sql.append(" left join lateral (select f.values from offline_record f where f.dataset = ?"
                    + " and f.entity_id is not null and f.entity_id = l.entity_id and f.event_time <= l.event_time");
            args.add(side.dataset());
            if (side.maxAge() != null) {
                sql.append(" and f.event_time >= l.event_time - cast(? as bigint) * interval '1 millisecond'");
                args.add(side.maxAge().toMillis());
            }
            if (side.snapshotId() != null) {
                sql.append(" and exists (select 1 from snapshot_row s where s.snapshot_id = ? and s.record_id = f.record_id)");
                args.add(side.snapshotId());
            }
            sql.append(" order by f.event_time desc, f.stored_at desc, f.record_id desc limit 1) f").append(i)
                    .append(" on true");
        }
        sql.append(" where l.dataset = ? and l.entity_id is not null and l.event_time is not null"
                + " and l.values ->> cast(? as text) is not null");
        args.add(plan.labelDataset());
        args.add(plan.labelColumn());
        if (plan.cutoff() != null) {
            sql.append(" and l.event_time <= ?");
            args.add(Timestamp.from(plan.cutoff()));
        }
        if (plan.labelSnapshot() != null) {
            sql.append(" and exists (select 1 from snapshot_row s where s.snapshot_id = ? and s.record_id = l.record_id)");
            args.add(plan.labelSnapshot());
        }
        sql.append(" order by l.event_time, l.entity_id, l.record_id");

        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            format.header(writer, plan.columns());
            cursor.query(sql.toString(), rs -> {
                JsonNode label = values.readValue(rs.getString("l_values"));
                ObjectNode row = JsonNodeFactory.instance.objectNode();
                for (String name : List.of(plan.entityKey(), plan.eventTime(), plan.labelColumn())) {
                    JsonNode value = label.get(name);
                    if (value != null && !value.isNull()) {
                        row.set(name, value);
                    }
                }
                for (int i = 0; i < plan.sides().size(); i++) {
                    String text = rs.getString("f" + i + "_values");
                    if (text == null) {
                        continue;
                    }
                    FeatureSide side = plan.sides().get(i);
                    JsonNode features = values.readValue(text);
                    for (String name : side.stored()) {
                        JsonNode value = features.get(name);
                        if (value != null && !value.isNull()) {
                            row.set(name, value);
                        }
                    }
                    if (!side.derived().isEmpty()) {
                        Map<String, Object> inputs = RowValues.of(features);
                        for (DerivedFeatures.Compiled feature : side.derived()) {
                            RowValues.put(row, feature.name(), feature.evaluate(inputs));
                        }
                    }
                }
                format.write(writer, plan.columns(), rs.getObject("record_id", UUID.class), row);
            }, args.toArray());
            writer.flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}

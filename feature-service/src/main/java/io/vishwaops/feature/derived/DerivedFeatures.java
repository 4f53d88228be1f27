package io.vishwaops.feature.derived;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.vishwaops.contracts.datasets.ColumnSpec;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.feature.dataset.DatasetChanged;
import io.vishwaops.feature.dataset.DatasetSchemas;
import io.vishwaops.mlcore.expression.Expression;
import io.vishwaops.mlcore.expression.ExpressionException;
import io.vishwaops.mlcore.expression.ValueType;
import io.vishwaops.problems.Conflict;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.problems.NotFound;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Derived feature definitions per dataset. An expression is compiled against the dataset's newest schema when it is
 * defined, so a name, type or syntax mistake is refused then, naming its position, instead of failing a training run.
 */
@Service
public class DerivedFeatures {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final JdbcClient jdbc;
    private final DatasetSchemas schemas;
    private final ApplicationEventPublisher events;

    DerivedFeatures(JdbcClient jdbc, DatasetSchemas schemas, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.schemas = schemas;
        this.events = events;
    }

    /** A derived feature ready to evaluate: its definition and its expression compiled against a schema. */
    public record Compiled(DerivedFeature feature, Expression expression) {

        public String name() {
            return feature.name();
        }

        /** Its value for a row of column values, or {@code null} when missing. */
        public Object evaluate(Map<String, ?> row) {
            return expression.evaluate(row);
        }
    }

    /**
     * The dataset's derived features compiled against {@code schema}, by name. One a newer schema version broke (a
     * column it reads was dropped or retyped, or a column took its name) is left out: its values would be wrong.
     */
    @Transactional(readOnly = true)
    public List<Compiled> compiled(String dataset, DatasetSchema schema) {
        return compile(jdbc.sql("select * from derived_feature where dataset = :dataset order by name")
                .param("dataset", dataset)
                .query(this::row)
                .list(), schema);
    }

    /** {@code features} compiled against {@code schema}, leaving out those it cannot type. */
    public static List<Compiled> compile(List<DerivedFeature> features, DatasetSchema schema) {
        Map<String, ValueType> columns = columnTypes(schema);
        List<Compiled> compiled = new java.util.ArrayList<>();
        for (DerivedFeature feature : features) {
            if (columns.containsKey(feature.name())) {
                continue;
            }
            try {
                compiled.add(new Compiled(feature, Expression.compile(feature.expression(), columns)));
            }
            catch (ExpressionException ex) {
                // a newer schema broke it; it stays defined for the versions it was checked against
            }
        }
        return compiled;
    }

    private static Map<String, ValueType> columnTypes(DatasetSchema schema) {
        Map<String, ValueType> columns = new LinkedHashMap<>();
        for (ColumnSpec column : schema.columns()) {
            columns.put(column.name(), ValueType.ofColumnType(column.type()));
        }
        return columns;
    }

    /** The outcome of a definition: the feature, and whether it is new (or the same definition again). */
    public record Defined(DerivedFeature feature, boolean created) {
    }

    /**
     * Defines {@code name} on {@code dataset}. Defining it again with the same expression changes nothing; with
     * another expression it is a {@link Conflict} (a feature's meaning must not change under models that use it).
     */
    @Transactional
    public Defined define(String dataset, String name, String expression, String description) {
        DatasetSchemas.Versioned current = schemas.current(dataset);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInput("name", "must start with a letter and hold only letters, digits and _ (at most 64), was "
                    + (name == null ? "missing" : "'" + name + "'"));
        }
        Map<String, ValueType> columns = columnTypes(current.schema());
        if (columns.containsKey(name)) {
            throw new InvalidInput("name", "'" + name + "' is a column of dataset '" + dataset + "'; a derived feature "
                    + "needs a name of its own");
        }
        Expression compiled;
        try {
            compiled = Expression.compile(expression, columns);
        }
        catch (ExpressionException ex) {
            throw new InvalidInput("expression", ex.getMessage()).withProperty("position", ex.position());
        }
        Optional<DerivedFeature> existing = find(dataset, name);
        if (existing.isPresent()) {
            if (Objects.equals(existing.get().expression(), expression)) {
                return new Defined(existing.get(), false);
            }
            throw new Conflict("derived feature '" + name + "' of dataset '" + dataset + "' is already defined as '"
                    + existing.get().expression() + "'; define the new formula under a new name");
        }
        DerivedFeature feature = new DerivedFeature(dataset, name, expression, columnType(compiled.type()),
                compiled.columns().stream().sorted().toList(), description, current.version(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("""
                insert into derived_feature (dataset, name, expression, type, columns, description, schema_version,
                    defined_at)
                values (:dataset, :name, :expression, :type, cast(:columns as text[]), :description, :schemaVersion,
                    :definedAt)""")
                .param("dataset", dataset)
                .param("name", name)
                .param("expression", expression)
                .param("type", feature.type())
                .param("columns", textArray(feature.columns()))
                .param("description", description)
                .param("schemaVersion", feature.schemaVersion())
                .param("definedAt", Timestamp.from(feature.definedAt()))
                .update();
        events.publishEvent(new DatasetChanged(dataset));
        return new Defined(feature, true);
    }

    @Transactional(readOnly = true)
    public List<DerivedFeature> list(String dataset) {
        schemas.current(dataset);
        return jdbc.sql("select * from derived_feature where dataset = :dataset order by name")
                .param("dataset", dataset)
                .query(this::row)
                .list();
    }

    @Transactional(readOnly = true)
    public DerivedFeature get(String dataset, String name) {
        return find(dataset, name).orElseThrow(() -> new NotFound("derived feature", dataset + "/" + name));
    }

    private Optional<DerivedFeature> find(String dataset, String name) {
        return jdbc.sql("select * from derived_feature where dataset = :dataset and name = :name")
                .param("dataset", dataset)
                .param("name", name)
                .query(this::row)
                .optional();
    }

    private DerivedFeature row(ResultSet rs, int n) throws SQLException {
        return new DerivedFeature(rs.getString("dataset"), rs.getString("name"), rs.getString("expression"),
                rs.getString("type"), Arrays.asList((String[]) rs.getArray("columns").getArray()),
                rs.getString("description"), rs.getInt("schema_version"), rs.getTimestamp("defined_at").toInstant());
    }

    /** A PostgreSQL array literal: every element quoted, so names with commas, quotes or spaces survive. */
    private static String textArray(List<String> values) {
        return values.stream().map(v -> '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    private static String columnType(ValueType type) {
        return switch (type) {
            case NUMBER -> "numeric";
            case BOOLEAN -> "boolean";
            case TEXT -> "text";
            case TIMESTAMP -> "timestamp";
        };
    }
}

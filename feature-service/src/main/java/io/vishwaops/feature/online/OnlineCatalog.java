package io.vishwaops.feature.online;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.vishwaops.feature.dataset.DatasetChanged;
import io.vishwaops.feature.dataset.DatasetSchemas;
import io.vishwaops.feature.derived.DerivedFeatures;
import io.vishwaops.problems.InvalidInput;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What a lookup needs to know about a dataset besides the vector: its newest schema, its derived features compiled,
 * and its time to live. Kept in memory so a lookup is one indexed read; read again after
 * {@link OnlineProperties#catalogRefresh()}, or at once when this instance changed them.
 */
@Component
public class OnlineCatalog {

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final DatasetSchemas schemas;
    private final DerivedFeatures derived;
    private final JdbcClient jdbc;
    private final OnlineProperties properties;
    private final ApplicationEventPublisher events;

    OnlineCatalog(DatasetSchemas schemas, DerivedFeatures derived, JdbcClient jdbc, OnlineProperties properties,
            ApplicationEventPublisher events) {
        this.schemas = schemas;
        this.derived = derived;
        this.jdbc = jdbc;
        this.properties = properties;
        this.events = events;
    }

    /** A dataset as lookups see it. {@code ttl} is {@code null} when its vectors never expire. */
    record Entry(DatasetSchemas.Versioned schema, List<DerivedFeatures.Compiled> derived, Duration ttl,
            long loadedAt) {
    }

    /** The dataset's entry; {@code DatasetNotFound} when no schema of it has arrived. */
    Entry get(String dataset) {
        Entry entry = entries.get(dataset);
        if (entry == null || System.nanoTime() - entry.loadedAt() > properties.catalogRefresh().toNanos()) {
            entry = load(dataset);
            entries.put(dataset, entry);
        }
        return entry;
    }

    private Entry load(String dataset) {
        long loadedAt = System.nanoTime();
        DatasetSchemas.Versioned schema = schemas.current(dataset);
        return new Entry(schema, derived.compiled(dataset, schema.schema()), ttl(dataset), loadedAt);
    }

    /** The dataset's own time to live, else the default; {@code null}: forever. */
    private Duration ttl(String dataset) {
        return jdbc.sql("select ttl_ms from online_config where dataset = :dataset")
                .param("dataset", dataset)
                .query((rs, n) -> rs.getObject("ttl_ms", Long.class))
                .optional()
                .map(Duration::ofMillis)
                .orElse(properties.defaultTtl());
    }

    /** The online settings of a dataset: its time to live ({@code null}: forever) and whether it is its own. */
    public record Config(String dataset, Duration ttl, boolean ttlIsDefault) {
    }

    @Transactional(readOnly = true)
    public Config config(String dataset) {
        schemas.current(dataset);
        Duration own = jdbc.sql("select ttl_ms from online_config where dataset = :dataset")
                .param("dataset", dataset)
                .query((rs, n) -> rs.getObject("ttl_ms", Long.class))
                .optional()
                .map(Duration::ofMillis)
                .orElse(null);
        return own != null ? new Config(dataset, own, false) : new Config(dataset, properties.defaultTtl(), true);
    }

    /** Sets the dataset's time to live; {@code null} returns it to the default. */
    @Transactional
    public Config configure(String dataset, Duration ttl) {
        schemas.current(dataset);
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new InvalidInput("ttl", "must be a positive ISO-8601 duration such as PT24H, was " + ttl);
        }
        jdbc.sql("""
                insert into online_config (dataset, ttl_ms, updated_at) values (:dataset, :ttl, :now)
                on conflict (dataset) do update set ttl_ms = excluded.ttl_ms, updated_at = excluded.updated_at""")
                .param("dataset", dataset)
                .param("ttl", ttl == null ? null : ttl.toMillis())
                .param("now", Timestamp.from(Instant.now()))
                .update();
        events.publishEvent(new DatasetChanged(dataset));
        return config(dataset);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void changed(DatasetChanged changed) {
        entries.remove(changed.dataset());
    }
}

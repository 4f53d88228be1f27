package io.vishwaops.validation.schema;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vishwaops.contracts.EventEnvelope;
import io.vishwaops.contracts.datasets.DatasetDefined;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.messaging.Inbox;
import io.vishwaops.validation.ValidationProperties;
import io.vishwaops.validation.record.Columns;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dataset schemas validation checks records against. They arrive as {@code dataset.defined} events and are
 * kept here; a record can overtake its schema's event (they travel on different topics), so a version not yet
 * known is fetched from ingestion. Versions are immutable, so what is known is cached for good.
 */
@Service
public class DatasetSchemas {

    static final String CONSUMER = "validation.dataset-schemas";

    private final JdbcClient jdbc;
    private final Inbox inbox;
    private final JsonMapper json;
    private final RestClient ingestion;
    private final Map<String, DatasetSchema> cache = new ConcurrentHashMap<>();
    private final Map<String, Columns> columns = new ConcurrentHashMap<>();

    DatasetSchemas(JdbcClient jdbc, Inbox inbox, JsonMapper json, ValidationProperties properties) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.json = json;
        this.ingestion = RestClient.create(properties.ingestionUrl().toString());
    }

    public void defined(EventEnvelope<DatasetDefined> event) {
        DatasetDefined defined = event.data();
        inbox.once(CONSUMER, event.eventId(), () -> remember(defined.dataset(), defined.version(), defined.schema()));
    }

    /** The schema of {@code dataset} at {@code version}; throws {@link SchemaUnavailable} when nobody has it yet. */
    public DatasetSchema get(String dataset, int version) {
        String key = dataset + "@" + version;
        DatasetSchema known = cache.get(key);
        if (known != null) {
            return known;
        }
        DatasetSchema stored = jdbc.sql("select schema from dataset_schema where name = :name and version = :version")
                .param("name", dataset)
                .param("version", version)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, DatasetSchema.class))
                .orElseGet(() -> fetch(dataset, version));
        cache.put(key, stored);
        return stored;
    }

    /** {@link #get}, made ready to check records by position; made once per version. */
    public Columns columns(String dataset, int version) {
        String key = dataset + "@" + version;
        Columns known = columns.get(key);
        if (known != null) {
            return known;
        }
        Columns made = Columns.of(get(dataset, version));
        columns.put(key, made);
        return made;
    }

    /** The newest schema version of {@code dataset} validation knows, or 0 when it knows none. */
    public int latestVersion(String dataset) {
        Integer version = jdbc.sql("select max(version) from dataset_schema where name = :name")
                .param("name", dataset)
                .query(Integer.class)
                .single();
        return version == null ? 0 : version;
    }

    private DatasetSchema fetch(String dataset, int version) {
        try {
            JsonNode answer = ingestion.get().uri("/api/v1/datasets/{name}/versions/{version}", dataset, version)
                    .retrieve().body(JsonNode.class);
            DatasetSchema schema = json.treeToValue(answer.get("schema"), DatasetSchema.class);
            remember(dataset, version, schema);
            return schema;
        }
        catch (RestClientException | NullPointerException ex) {
            throw new SchemaUnavailable(dataset, version, ex);
        }
    }

    private void remember(String dataset, int version, DatasetSchema schema) {
        jdbc.sql("""
                insert into dataset_schema (name, version, schema) values (:name, :version, cast(:schema as jsonb))
                on conflict do nothing""")
                .param("name", dataset)
                .param("version", version)
                .param("schema", json.writeValueAsString(schema))
                .update();
        cache.put(dataset + "@" + version, schema);
    }

    /** Retried by the listener's error handler: the schema usually turns up within moments. */
    public static class SchemaUnavailable extends RuntimeException {

        SchemaUnavailable(String dataset, int version, Throwable cause) {
            super("schema version " + version + " of dataset '" + dataset + "' is not known yet", cause);
        }
    }
}

package io.vishwaops.training.dataset;

import java.util.Optional;

import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.training.system.DependencyUnavailable;
import io.vishwaops.training.system.ServiceClients;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Dataset schemas (column names and types) as ingestion-service, which owns them, defines them. */
@Component
public class DatasetCatalog {

    private final RestClient ingestion;
    private final JsonMapper json;

    DatasetCatalog(@Qualifier(ServiceClients.INGESTION) RestClient ingestion, JsonMapper json) {
        this.ingestion = ingestion;
        this.json = json;
    }

    /** The dataset at its current version, or empty when ingestion does not know it. */
    public Optional<DatasetSchema> current(String dataset) {
        return fetch("/api/v1/datasets/{name}", dataset);
    }

    /** One version of the dataset's schema, or empty when ingestion does not know it. */
    public Optional<DatasetSchema> version(String dataset, int version) {
        return fetch("/api/v1/datasets/{name}/versions/" + version, dataset);
    }

    private Optional<DatasetSchema> fetch(String path, String dataset) {
        try {
            JsonNode answer = ingestion.get().uri(path, dataset).retrieve().body(JsonNode.class);
            return Optional.of(json.treeToValue(answer.get("schema"), DatasetSchema.class));
        }
        catch (HttpClientErrorException.NotFound ex) {
            return Optional.empty();
        }
        catch (HttpClientErrorException ex) {
            throw new DependencyUnavailable("ingestion-service", "refused the schema request of '" + dataset + "': "
                    + ex.getStatusCode(), ex);
        }
        catch (RestClientException ex) {
            throw new DependencyUnavailable("ingestion-service", ex.getMessage(), ex);
        }
    }
}

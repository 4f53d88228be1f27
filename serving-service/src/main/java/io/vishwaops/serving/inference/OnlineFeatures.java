package io.vishwaops.serving.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vishwaops.mlcore.pipeline.InputColumn;
import io.vishwaops.problems.NotFound;
import io.vishwaops.serving.model.ModelUnavailable;
import io.vishwaops.serving.model.ServedModel;
import io.vishwaops.serving.system.ServiceClients;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import tools.jackson.databind.JsonNode;

/**
 * The rows of entities a caller names by id: their newest feature vectors from feature-service's online store, of the
 * dataset the model was trained on, cut down to the raw columns the model takes (the store also returns the target,
 * keys and derived features, which the model's own pipeline derives again).
 */
@Component
public class OnlineFeatures {

    private final RestClient features;

    OnlineFeatures(@Qualifier(ServiceClients.FEATURES) RestClient features) {
        this.features = features;
    }

    /** An entity the online store has no (unexpired) vector for. */
    public static class EntityNotFound extends NotFound {

        EntityNotFound(String dataset, String ids) {
            super("entity", dataset + "/" + ids);
        }
    }

    public List<Map<String, Object>> rows(ServedModel model, List<String> entityIds) {
        String dataset = model.bundle().provenance().dataset();
        if (dataset == null || dataset.isBlank()) {
            throw new InvalidRows("entityIds", "model '" + model.model() + "' records no dataset to look entities up in");
        }
        JsonNode lookup;
        try {
            lookup = features.post().uri("/api/v1/features/{dataset}/entities/lookup", dataset)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("entityIds", entityIds))
                    .retrieve().body(JsonNode.class);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                throw new EntityNotFound(dataset, String.join(",", entityIds));
            }
            throw new ModelUnavailable("the online feature store refused the lookup: " + e.getStatusCode().value()
                    + " " + e.getResponseBodyAsString());
        } catch (RestClientException e) {
            throw new ModelUnavailable("the online feature store cannot be reached: " + e.getMessage());
        }
        List<String> missing = new ArrayList<>();
        lookup.path("notFound").forEach(id -> missing.add(id.asString()));
        lookup.path("expired").forEach(id -> missing.add(id.asString()));
        if (!missing.isEmpty()) {
            throw new EntityNotFound(dataset, String.join(",", missing));
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        lookup.path("vectors").forEach(v -> byId.put(v.path("entityId").asString(), v.path("values")));
        List<Map<String, Object>> rows = new ArrayList<>(entityIds.size());
        for (String id : entityIds) {
            JsonNode values = byId.get(id);
            if (values == null) {
                throw new EntityNotFound(dataset, id);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (InputColumn column : model.bundle().signature().inputs()) {
                row.put(column.name(), JsonRows.value(values.path(column.name())));
            }
            rows.add(row);
        }
        return rows;
    }
}

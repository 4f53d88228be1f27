package io.vishwaops.feature.online.web;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.feature.online.FeatureVector;
import io.vishwaops.feature.online.OnlineCatalog;
import io.vishwaops.feature.online.OnlineStore;
import io.vishwaops.problems.InvalidInput;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/features/{dataset}")
class OnlineFeatureController {

    private final OnlineStore store;
    private final OnlineCatalog catalog;

    OnlineFeatureController(OnlineStore store, OnlineCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /** @param entityIds the entities to look up, as their ids read as text ({@code "42"}) */
    record LookupRequest(List<String> entityIds) {
    }

    /** @param ttl an ISO-8601 duration ({@code PT24H}, {@code P7D}), or {@code null} for the default */
    record OnlineConfigRequest(String ttl) {
    }

    /** @param ttl the time to live in effect, or {@code null}: vectors never expire */
    record OnlineConfigResponse(String dataset, String ttl, boolean ttlIsDefault) {

        static OnlineConfigResponse of(OnlineCatalog.Config config) {
            return new OnlineConfigResponse(config.dataset(), config.ttl() == null ? null : config.ttl().toString(),
                    config.ttlIsDefault());
        }
    }

    @Operation(summary = "The newest feature vector of one entity, with derived features and freshness")
    @GetMapping("/entities/{entityId}")
    FeatureVector entity(@PathVariable String dataset, @PathVariable String entityId) {
        return store.get(dataset, entityId);
    }

    @Operation(summary = "The newest feature vectors of many entities; the ids without one (or with an expired one)")
    @PostMapping("/entities/lookup")
    OnlineStore.Lookup lookup(@PathVariable String dataset, @RequestBody LookupRequest request) {
        return store.lookup(dataset, request.entityIds());
    }

    @Operation(summary = "The dataset's online settings: the time to live of its vectors")
    @GetMapping("/online-config")
    OnlineConfigResponse config(@PathVariable String dataset) {
        return OnlineConfigResponse.of(catalog.config(dataset));
    }

    @Operation(summary = "Set the time to live of the dataset's online vectors (null: the default)")
    @PutMapping("/online-config")
    OnlineConfigResponse configure(@PathVariable String dataset, @RequestBody OnlineConfigRequest request) {
        Duration ttl = null;
        if (request.ttl() != null && !request.ttl().isBlank()) {
            try {
                ttl = Duration.parse(request.ttl().trim());
            }
            catch (DateTimeParseException ex) {
                throw new InvalidInput("ttl", "must be an ISO-8601 duration such as PT24H or P7D, was '"
                        + request.ttl() + "'");
            }
        }
        return OnlineConfigResponse.of(catalog.configure(dataset, ttl));
    }
}

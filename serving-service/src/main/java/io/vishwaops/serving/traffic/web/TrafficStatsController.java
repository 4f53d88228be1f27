package io.vishwaops.serving.traffic.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.serving.model.ModelCatalog;
import io.vishwaops.serving.model.ModelUnavailable;
import io.vishwaops.serving.traffic.LiveTraffic;
import io.vishwaops.serving.traffic.LiveTraffic.ModelTraffic;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "traffic", description = "Shadow and canary: which alias gets a mirrored copy, which a share of requests")
class TrafficStatsController {

    private final LiveTraffic live;
    private final ModelCatalog catalog;

    TrafficStatsController(LiveTraffic live, ModelCatalog catalog) {
        this.live = live;
        this.catalog = catalog;
    }

    @Operation(summary = "Live traffic per version on this instance over the last 5 minutes in 5-second buckets: "
            + "requests, errors, requests/s, latency mean and p50/p95/p99 of answered requests, the roles the version "
            + "answered in (default alias, canary, shadow, version named in the request); 404 for an unknown model")
    @GetMapping("/api/v1/models/{model}/stats")
    ModelTraffic stats(@PathVariable String model) {
        ModelTraffic traffic = live.of(model);
        if (traffic.versions().isEmpty() && !catalog.knows(model)) {
            try {
                catalog.serving(model); // throws ModelNotFound when the registry has no such model
            } catch (ModelUnavailable e) {
                // the model exists; it just has no version answering, so no traffic either
            }
        }
        return traffic;
    }
}

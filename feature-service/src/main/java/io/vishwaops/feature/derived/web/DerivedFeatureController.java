package io.vishwaops.feature.derived.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.feature.derived.DerivedFeature;
import io.vishwaops.feature.derived.DerivedFeatures;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DerivedFeatureController {

    private final DerivedFeatures features;

    DerivedFeatureController(DerivedFeatures features) {
        this.features = features;
    }

    /**
     * @param name the feature's name, e.g. {@code alcohol}
     * @param expression its formula over the dataset's columns, e.g. {@code Dalc + Walc}
     * @param description what it means, for people, or {@code null}
     */
    record DerivedFeatureRequest(String name, String expression, String description) {
    }

    @Operation(summary = "Define a derived feature: an expression over the dataset's columns, type-checked now")
    @PostMapping("/api/v1/features/{dataset}/derived")
    ResponseEntity<DerivedFeature> define(@PathVariable String dataset, @RequestBody DerivedFeatureRequest request) {
        DerivedFeatures.Defined defined = features.define(dataset, request.name(), request.expression(),
                request.description());
        if (!defined.created()) {
            return ResponseEntity.ok(defined.feature());
        }
        return ResponseEntity.created(URI.create("/api/v1/features/" + dataset + "/derived/" + request.name()))
                .body(defined.feature());
    }

    @Operation(summary = "The derived features of a dataset, by name")
    @GetMapping("/api/v1/features/{dataset}/derived")
    List<DerivedFeature> list(@PathVariable String dataset) {
        return features.list(dataset);
    }

    @Operation(summary = "One derived feature")
    @GetMapping("/api/v1/features/{dataset}/derived/{name}")
    DerivedFeature get(@PathVariable String dataset, @PathVariable String name) {
        return features.get(dataset, name);
    }
}

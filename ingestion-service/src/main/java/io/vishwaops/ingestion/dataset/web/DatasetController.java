package io.vishwaops.ingestion.dataset.web;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.contracts.datasets.DatasetSchema;
import io.vishwaops.ingestion.dataset.DatasetDefinitions;
import io.vishwaops.ingestion.dataset.DatasetVersion;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DatasetController {

    /** Who is calling; the gateway sets it (until it does, callers may). */
    static final String USER = "X-Vops-User";

    private final DatasetDefinitions datasets;

    DatasetController(DatasetDefinitions datasets) {
        this.datasets = datasets;
    }

    @Operation(summary = "Define a new dataset: columns, entity key, event time, target, task, expectations")
    @PostMapping("/api/v1/datasets")
    ResponseEntity<DatasetVersion> create(@RequestBody DatasetSchema schema,
            @RequestHeader(name = USER, defaultValue = "anonymous") String actor) {
        DatasetVersion created = datasets.create(schema, actor);
        return ResponseEntity.created(URI.create("/api/v1/datasets/" + created.name())).body(created);
    }

    @Operation(summary = "Change a dataset's schema; a change makes a new version. Changes that break records valid "
            + "under the current version need allowIncompatible=true")
    @PutMapping("/api/v1/datasets/{name}")
    DatasetVersion update(@PathVariable String name, @RequestBody DatasetSchema schema,
            @RequestParam(defaultValue = "false") boolean allowIncompatible,
            @RequestHeader(name = USER, defaultValue = "anonymous") String actor) {
        return datasets.update(name, schema, allowIncompatible, actor);
    }

    @Operation(summary = "Every dataset, at its current version")
    @GetMapping("/api/v1/datasets")
    List<DatasetVersion> list() {
        return datasets.list();
    }

    @Operation(summary = "A dataset at its current version")
    @GetMapping("/api/v1/datasets/{name}")
    DatasetVersion current(@PathVariable String name) {
        return datasets.current(name);
    }

    @Operation(summary = "Every version of a dataset's schema, oldest first")
    @GetMapping("/api/v1/datasets/{name}/versions")
    List<DatasetVersion> versions(@PathVariable String name) {
        return datasets.versions(name);
    }

    @Operation(summary = "One version of a dataset's schema")
    @GetMapping("/api/v1/datasets/{name}/versions/{version}")
    DatasetVersion version(@PathVariable String name, @PathVariable int version) {
        return datasets.version(name, version);
    }
}

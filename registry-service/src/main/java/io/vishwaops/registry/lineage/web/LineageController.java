package io.vishwaops.registry.lineage.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.registry.lineage.Lineage;
import io.vishwaops.registry.lineage.LineageQueries;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "lineage", description = "Where a model version came from, and its model card")
@RestController
@RequestMapping("/api/v1/registry/models/{name}/versions/{version}")
class LineageController {

    private final LineageQueries queries;

    LineageController(LineageQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Lineage in one call: version → run → pipeline spec → dataset snapshot → ingestion batches")
    @GetMapping("/lineage")
    Lineage lineage(@PathVariable String name, @PathVariable String version) {
        return queries.lineage(name, version);
    }

    @Operation(summary = "Model card as JSON: intended use, metrics, training data, lineage, history")
    @GetMapping(path = "/card", produces = MediaType.APPLICATION_JSON_VALUE)
    LineageQueries.ModelCard card(@PathVariable String name, @PathVariable String version) {
        return queries.card(name, version);
    }

    @Operation(summary = "Model card as Markdown")
    @GetMapping(path = "/card", produces = "text/markdown")
    String cardMarkdown(@PathVariable String name, @PathVariable String version) {
        return LineageQueries.markdown(queries.card(name, version));
    }
}

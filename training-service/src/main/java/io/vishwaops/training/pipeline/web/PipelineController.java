package io.vishwaops.training.pipeline.web;

import java.net.URI;
import java.util.List;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.vishwaops.identity.CallerIdentity;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.training.job.Jobs;
import io.vishwaops.training.job.TrainingJob;
import io.vishwaops.training.pipeline.PipelineDefinition;
import io.vishwaops.training.pipeline.Pipelines;
import io.vishwaops.training.pipeline.StoredPipeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/pipelines")
class PipelineController {

    private final Pipelines pipelines;
    private final Jobs jobs;
    private final SpecReader reader;

    PipelineController(Pipelines pipelines, Jobs jobs, SpecReader reader) {
        this.pipelines = pipelines;
        this.jobs = jobs;
        this.reader = reader;
    }

    record Validation(boolean valid, String pipeline, String dataset) {
    }

    /** @param snapshotId train on this snapshot instead of a fresh one */
    record RunRequest(java.util.UUID snapshotId) {
    }

    @Operation(summary = "Create or update a pipeline (JSON, or YAML with Content-Type: application/yaml); a changed "
            + "spec is a new version, an unchanged one returns the current version")
    @PutMapping(path = "/{name}", consumes = {"application/json", "application/yaml", "application/x-yaml",
            "text/yaml"})
    ResponseEntity<StoredPipeline> put(@PathVariable String name, @SpecBody @RequestBody byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType) {
        PipelineDefinition spec = reader.read(body, contentType);
        Pipelines.Saved saved = pipelines.save(name, spec, caller());
        if (saved.created() && saved.pipeline().version() == 1) {
            return ResponseEntity.created(URI.create("/api/v1/pipelines/" + name)).body(saved.pipeline());
        }
        return ResponseEntity.ok(saved.pipeline());
    }

    @Operation(summary = "Check a spec against its dataset without storing it: 200 when valid, else a 400 naming each "
            + "mistake's field")
    @PostMapping(path = "/{name}/validate", consumes = {"application/json", "application/yaml", "application/x-yaml",
            "text/yaml"})
    Validation validate(@PathVariable String name, @SpecBody @RequestBody byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType) {
        PipelineDefinition spec = reader.read(body, contentType);
        pipelines.validate(name, spec);
        return new Validation(true, name, spec.dataset());
    }

    @Operation(summary = "A pipeline at its newest version, or at ?version=")
    @GetMapping("/{name}")
    StoredPipeline get(@PathVariable String name, @RequestParam(required = false) Integer version) {
        return version == null ? pipelines.latest(name) : pipelines.version(name, version);
    }

    @Operation(summary = "Every version of a pipeline, oldest first")
    @GetMapping("/{name}/versions")
    List<StoredPipeline> versions(@PathVariable String name) {
        return pipelines.versions(name);
    }

    @Operation(summary = "Every pipeline at its newest version")
    @GetMapping
    List<StoredPipeline> list() {
        return pipelines.all();
    }

    @Operation(summary = "Start a training job of the pipeline's newest version: 202 with the job at once. With an "
            + "Idempotency-Key header, the same key again answers with the job it started")
    @PostMapping("/{name}/runs")
    ResponseEntity<TrainingJob> run(@PathVariable String name, @RequestBody(required = false) RunRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        pipelines.latest(name);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new InvalidInput("Idempotency-Key", "must be 1-200 characters");
        }
        TrainingJob job = jobs.submit(name, "rest", idempotencyKey == null ? null : "rest:" + idempotencyKey, caller(),
                request == null ? null : request.snapshotId()).job();
        return ResponseEntity.accepted().location(URI.create("/api/v1/training-jobs/" + job.id())).body(job);
    }

    @Operation(summary = "The pipeline's jobs, newest first")
    @GetMapping("/{name}/runs")
    List<TrainingJob> runs(@PathVariable String name, @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        pipelines.latest(name);
        return jobs.list(name, null, offset, limit);
    }

    /** The body is read as bytes (JSON or YAML); OpenAPI shows it as the spec it is. */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The pipeline spec", required = true,
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = PipelineDefinition.class)),
                    @Content(mediaType = "application/yaml", schema = @Schema(implementation = PipelineDefinition.class))})
    @interface SpecBody {
    }

    static String caller() {
        return CallerIdentity.current().map(CallerIdentity::user).orElse("anonymous");
    }
}

package io.vishwaops.registry.artifact.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.registry.artifact.Artifact;
import io.vishwaops.registry.artifact.ArtifactStore;
import io.vishwaops.registry.model.ModelRegistry;
import io.vishwaops.registry.run.Runs;
import io.vishwaops.registry.system.NativeErrors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Artifact upload and download for runs and model versions. Uploads are the raw request body; downloads are
 * re-hashed before a byte is sent and carry the sha-256 in {@code X-Vops-Sha256} and the ETag.
 */
@Tag(name = "artifacts", description = "Files of runs and model versions, stored with their sha-256")
@RestController
class ArtifactController {

    static final String SHA_HEADER = "X-Vops-Sha256";

    private final ArtifactStore store;
    private final Runs runs;
    private final ModelRegistry registry;

    ArtifactController(ArtifactStore store, Runs runs, ModelRegistry registry) {
        this.store = store;
        this.runs = runs;
        this.registry = registry;
    }

    @Operation(summary = "Upload a run artifact (raw body); answers its size and sha-256")
    @PutMapping("/api/v1/registry/runs/{runId}/artifacts/{*path}")
    ResponseEntity<Artifact> uploadRunArtifact(@PathVariable String runId, @PathVariable String path,
            HttpServletRequest request) {
        runs.info(runId);
        return stored(upload(Artifact.RUN, runId, path, request), request);
    }

    @Operation(summary = "Download a run artifact (sha-256 checked first), or list the run's artifacts under a directory")
    @GetMapping("/api/v1/registry/runs/{runId}/artifacts/{*path}")
    ResponseEntity<?> downloadRunArtifact(@PathVariable String runId, @PathVariable String path) {
        runs.info(runId);
        return download(Artifact.RUN, runId, path);
    }

    @Operation(summary = "Upload a model-version artifact (raw body); answers its size and sha-256")
    @PutMapping("/api/v1/registry/models/{name}/versions/{version}/artifacts/{*path}")
    ResponseEntity<Artifact> uploadVersionArtifact(@PathVariable String name, @PathVariable String version,
            @PathVariable String path, HttpServletRequest request) {
        registry.version(name, version);
        return stored(upload(Artifact.MODEL_VERSION, name + "/" + version, path, request), request);
    }

    @Operation(summary = "Download a model-version artifact (sha-256 checked first), or list a directory")
    @GetMapping("/api/v1/registry/models/{name}/versions/{version}/artifacts/{*path}")
    ResponseEntity<?> downloadVersionArtifact(@PathVariable String name, @PathVariable String version,
            @PathVariable String path) {
        registry.version(name, version);
        return download(Artifact.MODEL_VERSION, name + "/" + version, path);
    }

    private Artifact upload(String kind, String owner, String path, HttpServletRequest request) {
        return NativeErrors.translate(() -> {
            try {
                return store.store(kind, owner, path, request.getInputStream(), request.getContentType());
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    private static ResponseEntity<Artifact> stored(Artifact artifact, HttpServletRequest request) {
        return ResponseEntity.created(URI.create(request.getRequestURI())).header(SHA_HEADER, artifact.sha256())
                .eTag("\"" + artifact.sha256() + "\"").body(artifact);
    }

    private ResponseEntity<?> download(String kind, String owner, String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return ResponseEntity.ok(list(kind, owner, ""));
        }
        Artifact artifact = store.get(kind, owner, path);
        Path file = NativeErrors.translate(() -> store.verifiedFile(artifact));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(artifact.mediaType()))
                .contentLength(artifact.sizeBytes())
                .header(SHA_HEADER, artifact.sha256())
                .eTag("\"" + artifact.sha256() + "\"")
                .body((Resource) new FileSystemResource(file));
    }

    private List<ArtifactStore.Entry> list(String kind, String owner, String directory) {
        return store.list(kind, owner, directory);
    }
}

package io.vishwaops.serving.batch.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.problems.Conflict;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.serving.batch.BatchJob;
import io.vishwaops.serving.batch.BatchPredictions;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/batch-predictions")
@Tag(name = "batch-predictions", description = "Score a snapshot or an uploaded CSV as a job; download the results")
class BatchController {

    private final BatchPredictions batches;

    BatchController(BatchPredictions batches) {
        this.batches = batches;
    }

    /** @param version a version number, or leave it out and give an alias (or neither: the default alias) */
    record SnapshotJobRequest(String model, String version, String alias, String snapshotId) {
    }

    @Operation(summary = "Score a snapshot's rows: {model, version | alias, snapshotId}; 202 with the job")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BatchJob> snapshot(@RequestBody SnapshotJobRequest request) {
        return accepted(batches.submitSnapshot(new BatchPredictions.Submission(request.model(), request.version(),
                request.alias(), request.snapshotId())));
    }

    @Operation(summary = "Score a CSV with a header row sent as the body: ?model=&version=|alias=; 202 with the job")
    @PostMapping(consumes = "text/csv")
    ResponseEntity<BatchJob> csv(@RequestParam String model, @RequestParam(required = false) String version,
            @RequestParam(required = false) String alias, HttpServletRequest request) throws IOException {
        try (InputStream body = request.getInputStream()) {
            return accepted(batches.submitUpload(new BatchPredictions.Submission(model, version, alias, null), body));
        }
    }

    @Operation(summary = "Score a CSV uploaded as the form part 'file', with model and version or alias fields")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<BatchJob> upload(@RequestParam String model, @RequestParam(required = false) String version,
            @RequestParam(required = false) String alias, @RequestPart("file") MultipartFile file) throws IOException {
        if (file.isEmpty()) {
            throw new InvalidInput("file", "is empty: upload a CSV with a header row");
        }
        try (InputStream body = file.getInputStream()) {
            return accepted(batches.submitUpload(new BatchPredictions.Submission(model, version, alias, null), body));
        }
    }

    @Operation(summary = "Jobs, newest first")
    @GetMapping
    List<BatchJob> list(@RequestParam(required = false) String model, @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            throw new InvalidInput("limit", "offset must be 0 or more and limit between 1 and 500");
        }
        return batches.list(model, offset, limit);
    }

    @Operation(summary = "A job's status and row counts")
    @GetMapping("/{id}")
    BatchJob job(@PathVariable UUID id) {
        return batches.find(id);
    }

    @Operation(summary = "The results, streamed: CSV (row, prediction, p_<class>..., error) or NDJSON "
            + "(?format=ndjson or Accept: application/x-ndjson); 409 until the job has succeeded")
    @GetMapping("/{id}/results")
    void results(@PathVariable UUID id, @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, HttpServletResponse response)
            throws IOException {
        BatchJob job = batches.find(id);
        if (!job.status().equals("SUCCEEDED")) {
            throw new Conflict("batch prediction job " + id + " is " + job.status()
                    + (job.error() == null ? "" : " (" + job.error() + ")") + "; its results are not ready");
        }
        boolean ndjson = "ndjson".equalsIgnoreCase(format)
                || format == null && accept != null && accept.contains("application/x-ndjson");
        if (format != null && !ndjson && !"csv".equalsIgnoreCase(format)) {
            throw new InvalidInput("format", "must be csv or ndjson, was '" + format + "'");
        }
        response.setContentType((ndjson ? "application/x-ndjson" : "text/csv") + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"predictions-" + id
                + (ndjson ? ".ndjson" : ".csv") + "\"");
        batches.writeResults(id, ndjson, response.getOutputStream());
    }

    private static ResponseEntity<BatchJob> accepted(BatchJob job) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/batch-predictions/" + job.jobId())).body(job);
    }
}

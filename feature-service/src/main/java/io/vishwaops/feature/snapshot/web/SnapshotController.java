package io.vishwaops.feature.snapshot.web;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.feature.dataset.EventTimes;
import io.vishwaops.feature.snapshot.RowFormat;
import io.vishwaops.feature.snapshot.Snapshot;
import io.vishwaops.feature.snapshot.SnapshotDiff;
import io.vishwaops.feature.snapshot.SnapshotStore;
import io.vishwaops.problems.InvalidInput;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/snapshots")
class SnapshotController {

    private final SnapshotStore store;

    SnapshotController(SnapshotStore store) {
        this.store = store;
    }

    /**
     * @param dataset the dataset to snapshot
     * @param eventTimeCutoff leave out rows whose event time is after it, or {@code null}: an ISO-8601 instant, or a
     *        date-time or date read as UTC (as validation reads event times)
     */
    record SnapshotRequest(String dataset, String eventTimeCutoff) {

        Instant cutoff() {
            if (eventTimeCutoff == null || eventTimeCutoff.isBlank()) {
                return null;
            }
            try {
                return EventTimes.parse(eventTimeCutoff);
            }
            catch (DateTimeParseException ex) {
                throw new InvalidInput("eventTimeCutoff", "must be an ISO-8601 instant such as "
                        + "2026-03-14T10:00:00Z (or a date-time or date, read as UTC), was '" + eventTimeCutoff.trim()
                        + "'");
            }
        }
    }

    @Operation(summary = "Snapshot a dataset: an immutable, content-hashed version of its stored records")
    @PostMapping
    ResponseEntity<Snapshot> create(@RequestBody SnapshotRequest request) {
        Snapshot snapshot = store.create(request.dataset(), request.cutoff());
        return ResponseEntity.created(URI.create("/api/v1/snapshots/" + snapshot.id())).body(snapshot);
    }

    @Operation(summary = "One snapshot: hash, row count, schema version, lineage and column profile")
    @GetMapping("/{id}")
    Snapshot snapshot(@PathVariable UUID id) {
        return store.find(id);
    }

    @Operation(summary = "Snapshots, newest first, of one dataset or of all")
    @GetMapping
    List<Snapshot.Summary> snapshots(@RequestParam(required = false) String dataset,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return store.list(dataset, offset, limit);
    }

    @Operation(summary = "A snapshot's rows in record id order, streamed: NDJSON (the bytes its sha-256 covers) or CSV",
            description = "Chosen by the Accept header (application/x-ndjson or text/csv) or by format=ndjson|csv")
    @GetMapping(value = "/{id}/rows", produces = {"application/x-ndjson", "text/csv"})
    void rows(@PathVariable UUID id, @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, HttpServletResponse response)
            throws IOException {
        RowFormat rowFormat = RowFormat.negotiate(format, accept);
        Snapshot snapshot = store.find(id);
        response.setContentType(rowFormat.mediaType() + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + snapshot.dataset() + "-"
                + snapshot.id() + (rowFormat == RowFormat.CSV ? ".csv" : ".ndjson") + "\"");
        response.setHeader("X-Snapshot-Sha256", snapshot.sha256());
        store.writeRows(snapshot, rowFormat, response.getOutputStream());
    }

    @Operation(summary = "What changed between two snapshots: rows added and removed by record id, profile deltas")
    @GetMapping("/diff")
    SnapshotDiff diff(@RequestParam UUID from, @RequestParam UUID to) {
        return store.diff(from, to);
    }
}

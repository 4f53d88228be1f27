package io.vishwaops.feature.offline.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.feature.offline.OfflineStore;
import io.vishwaops.feature.offline.StoredRecord;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OfflineRecordController {

    private final OfflineStore store;

    OfflineRecordController(OfflineStore store) {
        this.store = store;
    }

    @Operation(summary = "One stored record of a dataset, by the record id ingestion gave it")
    @GetMapping("/api/v1/features/{dataset}/records/{recordId}")
    StoredRecord record(@PathVariable String dataset, @PathVariable UUID recordId) {
        return store.find(dataset, recordId);
    }

    @Operation(summary = "Stored records of a dataset, oldest first")
    @GetMapping("/api/v1/features/{dataset}/records")
    List<StoredRecord> records(@PathVariable String dataset,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(10_000) int limit) {
        return store.list(dataset, offset, limit);
    }
}

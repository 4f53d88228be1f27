package io.vishwaops.validation.batch.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.validation.batch.BatchOutcomes;
import io.vishwaops.validation.batch.QuarantinedRecord;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BatchOutcomeController {

    private final BatchOutcomes outcomes;

    BatchOutcomeController(BatchOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Operation(summary = "The quarantined records of a batch, by row, with every reason")
    @GetMapping("/api/v1/validation/batches/{batchId}/quarantine")
    List<QuarantinedRecord> quarantined(@PathVariable UUID batchId,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(10_000) int limit) {
        return outcomes.quarantined(batchId, offset, limit);
    }
}

package io.vishwaops.validation.batch.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.vishwaops.validation.batch.Quarantine;
import io.vishwaops.validation.batch.QuarantineReplay;
import io.vishwaops.validation.batch.QuarantinedRecord;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class QuarantineController {

    private final Quarantine quarantine;
    private final QuarantineReplay replay;

    QuarantineController(Quarantine quarantine, QuarantineReplay replay) {
        this.quarantine = quarantine;
        this.replay = replay;
    }

    @Operation(summary = "Judge a batch's quarantined records again against the dataset's newest schema; those that "
            + "pass now go on to features")
    @PostMapping("/api/v1/validation/batches/{batchId}/quarantine/replay")
    QuarantineReplay.Outcome replay(@PathVariable UUID batchId,
            @RequestHeader(name = "X-Vops-User", defaultValue = "anonymous") String actor) {
        return replay.replay(batchId, actor);
    }

    @Operation(summary = "The quarantined records of a batch, by row, with every reason")
    @GetMapping("/api/v1/validation/batches/{batchId}/quarantine")
    List<QuarantinedRecord> quarantined(@PathVariable UUID batchId,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(10_000) int limit) {
        return quarantine.quarantined(batchId, offset, limit);
    }
}

package io.vishwaops.registry.audit.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.registry.audit.AuditLog;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "audit", description = "The append-only log of every registry change")
@RestController
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @Operation(summary = "Search the audit log, oldest first; page with after=<last id>")
    @GetMapping("/api/v1/registry/audit")
    List<AuditLog.Entry> search(
            @Parameter(example = "model-alias") @RequestParam(required = false) String entityType,
            @Parameter(example = "student-pass@champion") @RequestParam(required = false) String entityId,
            @RequestParam(required = false) String actor,
            @Parameter(example = "alias.moved") @RequestParam(required = false) String action,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Long after, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInput("limit", "limit must be between 1 and 1000, was " + limit);
        }
        return audit.search(new AuditLog.Query(entityType, entityId, actor, action, from, to, after, limit));
    }
}

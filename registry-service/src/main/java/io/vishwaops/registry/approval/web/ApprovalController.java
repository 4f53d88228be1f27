package io.vishwaops.registry.approval.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.registry.approval.ApprovalRequest;
import io.vishwaops.registry.approval.Approvals;
import io.vishwaops.registry.model.ModelAliases;
import io.vishwaops.registry.system.NativeErrors;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "approvals", description = "Four-eyes approval of alias moves")
@RestController
class ApprovalController {

    private final Approvals approvals;
    private final ModelAliases aliases;

    ApprovalController(Approvals approvals, ModelAliases aliases) {
        this.approvals = approvals;
        this.aliases = aliases;
    }

    record MoveRequest(String version, String reason) {
    }

    record Decision(String reason) {
    }

    @Operation(summary = "Ask for an alias move: moved at once when no policy guards the alias, else an approval request",
            responses = {@ApiResponse(responseCode = "200", description = "moved"),
                    @ApiResponse(responseCode = "202", description = "approval requested; Location names the request")})
    @PostMapping("/api/v1/registry/models/{name}/aliases/{alias}/moves")
    ResponseEntity<?> requestMove(@PathVariable String name, @PathVariable String alias, @RequestBody MoveRequest move) {
        if (move.version() == null || move.version().isBlank()) {
            throw new InvalidInput("version", "the version to point the alias at is required");
        }
        if (!aliases.requiresApproval(name, alias)) {
            return ResponseEntity.ok(NativeErrors.translate(() -> aliases.move(name, alias, move.version(),
                    ModelAliases.Expected.ANY, move.reason(), false)));
        }
        ApprovalRequest request = approvals.request(name, alias, move.version(), move.reason());
        return ResponseEntity.accepted().location(URI.create("/api/v1/registry/approvals/" + request.id())).body(request);
    }

    @Operation(summary = "Approval requests, newest first, by status (PENDING, APPROVED, REJECTED) and model")
    @GetMapping("/api/v1/registry/approvals")
    List<ApprovalRequest> list(@RequestParam(required = false) String status, @RequestParam(required = false) String model) {
        return approvals.list(status, model);
    }

    @Operation(summary = "One approval request")
    @GetMapping("/api/v1/registry/approvals/{id}")
    ApprovalRequest get(@PathVariable UUID id) {
        return approvals.get(id);
    }

    @Operation(summary = "Approve: needs the approver role and not being the requester; moves the alias",
            responses = {@ApiResponse(responseCode = "403", description = "not an approver, or the requester"),
                    @ApiResponse(responseCode = "409", description = "already decided, or the alias moved meanwhile")})
    @PostMapping("/api/v1/registry/approvals/{id}/approve")
    ApprovalRequest approve(@PathVariable UUID id, @RequestBody(required = false) Decision decision) {
        return NativeErrors.translate(() -> approvals.approve(id, decision == null ? null : decision.reason()));
    }

    @Operation(summary = "Reject: needs the approver role and not being the requester")
    @PostMapping("/api/v1/registry/approvals/{id}/reject")
    ApprovalRequest reject(@PathVariable UUID id, @RequestBody(required = false) Decision decision) {
        return NativeErrors.translate(() -> approvals.reject(id, decision == null ? null : decision.reason()));
    }
}

package io.vishwaops.registry.model.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.registry.model.AliasChange;
import io.vishwaops.registry.model.ModelAliases;
import io.vishwaops.registry.system.NativeErrors;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "aliases", description = "Where champion and challenger point, conditional moves, history, approval policy")
@RestController
@RequestMapping("/api/v1/registry/models/{name}/aliases/{alias}")
class AliasController {

    private final ModelAliases aliases;

    AliasController(ModelAliases aliases) {
        this.aliases = aliases;
    }

    @Schema(description = "A move of an alias. With expectedVersion (or expectNone) the move only happens if the "
            + "alias still points there; otherwise it answers 409 with the current version.")
    record MoveRequest(@Schema(example = "4") String version, @Schema(example = "3") String expectedVersion,
            Boolean expectNone, @Schema(example = "beat champion on f1") String reason) {
    }

    record Policy(boolean requiresApproval) {
    }

    record PointInTime(String model, String alias, Instant at, String version) {
    }

    @Operation(summary = "Where an alias points: version, bundle URI and its sha-256 (what serving loads)")
    @GetMapping
    ModelAliases.Target target(@PathVariable String name, @PathVariable String alias) {
        return aliases.target(name, alias);
    }

    @Operation(summary = "Move an alias, optionally only if it still points at expectedVersion",
            responses = {@ApiResponse(responseCode = "200", description = "moved (or already there)"),
                    @ApiResponse(responseCode = "403", description = "the alias needs approval: use .../moves"),
                    @ApiResponse(responseCode = "409", description = "the alias was moved meanwhile; currentVersion says where")})
    @PutMapping
    AliasChange move(@PathVariable String name, @PathVariable String alias, @RequestBody MoveRequest request) {
        if (request.version() == null || request.version().isBlank()) {
            throw new InvalidInput("version", "the version to point the alias at is required");
        }
        ModelAliases.Expected expected = Boolean.TRUE.equals(request.expectNone()) ? ModelAliases.Expected.none()
                : request.expectedVersion() == null ? ModelAliases.Expected.ANY
                : ModelAliases.Expected.version(request.expectedVersion());
        return NativeErrors.translate(() -> aliases.move(name, alias, request.version(), expected, request.reason(), false));
    }

    @Operation(summary = "Delete an alias")
    @DeleteMapping
    void delete(@PathVariable String name, @PathVariable String alias,
            @RequestParam(required = false) String reason) {
        NativeErrors.run(() -> aliases.delete(name, alias, reason, false));
    }

    @Operation(summary = "Every move of the alias, oldest first")
    @GetMapping("/history")
    List<AliasChange> history(@PathVariable String name, @PathVariable String alias) {
        return aliases.history(name, alias);
    }

    @Operation(summary = "Which version held the alias at a moment (version null: none)")
    @GetMapping("/at")
    PointInTime at(@PathVariable String name, @PathVariable String alias,
            @Parameter(example = "2026-03-14T10:40:02Z") @RequestParam Instant time) {
        return new PointInTime(name, alias, time, aliases.versionAt(name, alias, time).orElse(null));
    }

    @Operation(summary = "Whether moves of this alias need a second person's approval")
    @GetMapping("/policy")
    Policy policy(@PathVariable String name, @PathVariable String alias) {
        return new Policy(aliases.requiresApproval(name, alias));
    }

    @Operation(summary = "Require (or stop requiring) approval for moves of this alias")
    @PutMapping("/policy")
    Policy setPolicy(@PathVariable String name, @PathVariable String alias, @RequestBody Policy policy) {
        aliases.requireApproval(name, alias, policy.requiresApproval());
        return policy;
    }
}

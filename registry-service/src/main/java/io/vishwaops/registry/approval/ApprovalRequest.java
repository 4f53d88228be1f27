package io.vishwaops.registry.approval;

import java.time.Instant;
import java.util.UUID;

/**
 * A request to move an alias that a policy guards. {@code expectedVersion} is where the alias pointed when it was
 * requested ({@code null}: nowhere); approving it moves the alias only if it is still there.
 */
public record ApprovalRequest(UUID id, String model, String alias, String version, String expectedVersion,
        String requestedBy, String reason, String status, Instant requestedAt, String decidedBy, Instant decidedAt,
        String decisionReason) {

    public static final String PENDING = "PENDING";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";
}

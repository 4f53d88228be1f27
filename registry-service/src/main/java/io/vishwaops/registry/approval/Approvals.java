package io.vishwaops.registry.approval;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.vishwaops.problems.Conflict;
import io.vishwaops.problems.InvalidInput;
import io.vishwaops.problems.NotFound;
import io.vishwaops.registry.audit.AuditLog;
import io.vishwaops.registry.model.ModelAliases;
import io.vishwaops.registry.model.ModelRegistry;
import io.vishwaops.registry.model.ModelVersion;
import io.vishwaops.registry.system.Caller;
import io.vishwaops.registry.system.CallerLookup;
import io.vishwaops.registry.system.NotPermitted;
import io.vishwaops.registry.system.RegistryProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Four-eyes approval of alias moves: anyone may request a move of a guarded alias; only a caller with the
 * approver role who is not the requester may approve or reject it. Approval moves the alias in the same
 * transaction, conditional on the alias still pointing where it did at request time.
 */
@Service
public class Approvals {

    private final JdbcClient jdbc;
    private final ModelRegistry registry;
    private final ModelAliases aliases;
    private final AuditLog audit;
    private final CallerLookup callers;
    private final String approverRole;
    private final Clock clock = Clock.systemUTC();

    Approvals(JdbcClient jdbc, ModelRegistry registry, ModelAliases aliases, AuditLog audit, CallerLookup callers,
            RegistryProperties properties) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.aliases = aliases;
        this.audit = audit;
        this.callers = callers;
        this.approverRole = properties.approverRole();
    }

    @Transactional
    public ApprovalRequest request(String model, String alias, String version, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "an approval request needs a reason");
        }
        ModelVersion target = registry.version(model, version);
        String current = registry.get(model).aliases().get(alias);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into approval_request (id, model_name, alias, version, expected_version, requested_by, reason,
                  status, requested_at)
                values (:id, :model, :alias, :version, :expected, :by, :reason, 'PENDING', :at)""")
                .param("id", id).param("model", model).param("alias", alias)
                .param("version", Integer.parseInt(target.version()))
                .param("expected", current == null ? null : Integer.valueOf(current))
                .param("by", callers.current().user()).param("reason", reason).param("at", Timestamp.from(clock.instant()))
                .update();
        ApprovalRequest request = get(id);
        audit.record("approval.requested", "approval", id.toString(), null, request, reason);
        return request;
    }

    @Transactional
    public ApprovalRequest approve(UUID id, String reason) {
        ApprovalRequest request = decidable(id);
        Caller approver = callers.current();
        aliases.move(request.model(), request.alias(), request.version(),
                request.expectedVersion() == null ? ModelAliases.Expected.none()
                        : ModelAliases.Expected.version(request.expectedVersion()),
                "requested by " + request.requestedBy() + ": " + request.reason() + "; approved by " + approver.user()
                        + (reason == null || reason.isBlank() ? "" : ": " + reason),
                true);
        return decide(request, ApprovalRequest.APPROVED, reason);
    }

    @Transactional
    public ApprovalRequest reject(UUID id, String reason) {
        return decide(decidable(id), ApprovalRequest.REJECTED, reason);
    }

    @Transactional(readOnly = true)
    public ApprovalRequest get(UUID id) {
        return jdbc.sql("select * from approval_request where id = :id").param("id", id).query(Approvals::request)
                .optional().orElseThrow(() -> new NotFound("approval request", id.toString()));
    }

    @Transactional(readOnly = true)
    public List<ApprovalRequest> list(String status, String model) {
        return jdbc.sql("""
                select * from approval_request where (cast(:status as text) is null or status = :status)
                and (cast(:model as text) is null or model_name = :model) order by requested_at desc limit 500""")
                .param("status", status).param("model", model).query(Approvals::request).list();
    }

    private ApprovalRequest decidable(UUID id) {
        ApprovalRequest request = jdbc.sql("select * from approval_request where id = :id for update").param("id", id)
                .query(Approvals::request).optional()
                .orElseThrow(() -> new NotFound("approval request", id.toString()));
        Caller caller = callers.current();
        if (!caller.hasRole(approverRole)) {
            throw new NotPermitted("deciding approval requests needs the '" + approverRole + "' role; "
                    + caller.user() + " does not have it");
        }
        if (caller.user().equals(request.requestedBy())) {
            throw new NotPermitted("four eyes: " + caller.user() + " requested this move and cannot also decide it");
        }
        if (!request.status().equals(ApprovalRequest.PENDING)) {
            throw new Conflict("approval request " + id + " was already " + request.status().toLowerCase()
                    + " by " + request.decidedBy());
        }
        return request;
    }

    private ApprovalRequest decide(ApprovalRequest request, String status, String reason) {
        jdbc.sql("""
                update approval_request set status = :status, decided_by = :by, decided_at = :at, decision_reason = :reason
                where id = :id""")
                .param("status", status).param("by", callers.current().user()).param("at", Timestamp.from(clock.instant()))
                .param("reason", reason).param("id", request.id()).update();
        ApprovalRequest decided = get(request.id());
        audit.record(status.equals(ApprovalRequest.APPROVED) ? "approval.approved" : "approval.rejected", "approval",
                request.id().toString(), request, decided, reason);
        return decided;
    }

    private static ApprovalRequest request(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Object expected = rs.getObject("expected_version");
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new ApprovalRequest(rs.getObject("id", UUID.class), rs.getString("model_name"), rs.getString("alias"),
                String.valueOf(rs.getInt("version")), expected == null ? null : expected.toString(),
                rs.getString("requested_by"), rs.getString("reason"), rs.getString("status"),
                rs.getTimestamp("requested_at").toInstant(), rs.getString("decided_by"),
                decidedAt == null ? null : decidedAt.toInstant(), rs.getString("decision_reason"));
    }
}

package org.takedown.enforcement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.takedown.enforcement.Enforcement.ChangeKind;
import org.takedown.enforcement.Enforcement.ChangeRequest;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.security.Role;

/**
 * Four eyes: who may sign a decision or confirm a change of a signed one. The first person asks for a change (kept as
 * a request); a second, an authority signatory who neither asked for it nor drafted or last edited the decision, confirms it.
 * Thread-safe.
 */
@Component
class FourEyes {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    FourEyes(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** Refuses with the message under {@code key} unless the signed-in person is an authority signatory. */
    void requireSignatory(String key) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !Role.AUTHORITY_SIGNATORY.heldBy(user)) {
            throw InvalidRequestException.because(key);
        }
    }

    /** Who last changed a draft (null when nobody did after drafting it). */
    @Nullable
    String editedBy(long decisionId) {
        return jdbc.sql("SELECT edited_by FROM enforcement_decision WHERE id = ?")
                .param(decisionId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /**
     * Four eyes on a change of a signed decision: the first person asks for it (recorded, audited, and true is
     * returned: nothing changes yet); a second person confirms it (the request is removed and false returned: the
     * caller makes the change).
     *
     * @param waiting the request of this kind already made, or null
     */
    boolean secondPersonNeeded(Decision decision, ChangeKind kind, @Nullable ChangeRequest waiting, String reason) {
        String actor = Actors.current();
        if (waiting == null) {
            jdbc.sql("INSERT INTO enforcement_change_request (decision_id, kind, reason, requested_by, requested_at)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .params(decision.id(), kind.name(), reason, actor, Timestamp.from(clock.instant()))
                    .update();
            audit.record(
                    "enforcement.change-requested",
                    "decision:" + decision.id(),
                    Map.of("change", kind.name(), "reason", reason));
            return true;
        }
        String requester = waiting.requestedBy();
        if (actor.equals(requester)) {
            throw InvalidRequestException.because("enforcement.refused.change.asker", actor, decision.id());
        }
        if (actor.equals(decision.createdBy()) || actor.equals(editedBy(decision.id()))) {
            throw InvalidRequestException.because("enforcement.refused.change.drafter", actor, decision.id());
        }
        requireSignatory("enforcement.refused.change.signatory");
        jdbc.sql("DELETE FROM enforcement_change_request WHERE decision_id = ? AND kind = ?")
                .params(decision.id(), kind.name())
                .update();
        audit.record(
                "enforcement.change-confirmed",
                "decision:" + decision.id(),
                Map.of("change", kind.name(), "requestedBy", requester));
        return false;
    }

    /** {@link #secondPersonNeeded} for a change whose reason is fixed. */
    boolean secondPersonNeeded(Decision decision, ChangeKind kind, String reason) {
        return secondPersonNeeded(decision, kind, waiting(decision.id(), kind), reason);
    }

    /** The request of {@code kind} waiting for a second person on a decision, or null. */
    @Nullable
    ChangeRequest waiting(long decisionId, ChangeKind kind) {
        return jdbc.sql("""
                        SELECT decision_id, kind, reason, requested_by, requested_at FROM enforcement_change_request
                        WHERE decision_id = ? AND kind = ?""")
                .params(decisionId, kind.name())
                .query(FourEyes::changeRequest)
                .optional()
                .orElse(null);
    }

    /** The changes waiting for a second person, of every decision of a case. */
    List<ChangeRequest> pending(long caseId) {
        return jdbc.sql("""
                        SELECT r.decision_id, r.kind, r.reason, r.requested_by, r.requested_at
                        FROM enforcement_change_request r JOIN enforcement_decision d ON d.id = r.decision_id
                        WHERE d.case_id = ? ORDER BY r.requested_at""").param(caseId).query(FourEyes::changeRequest).list();
    }

    private static ChangeRequest changeRequest(ResultSet rs, int row) throws SQLException {
        return new ChangeRequest(
                rs.getLong("decision_id"),
                ChangeKind.valueOf(rs.getString("kind")),
                rs.getString("reason"),
                rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant());
    }
}

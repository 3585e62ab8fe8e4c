package org.takedown.enforcement;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;

/**
 * Publication of sanction decisions as a decision of its own: whether a penalty payment or fine is published (by
 * default yes, after the delay; when not, with reasons, decided by a signatory), a court's suspension that stops or
 * removes it, and an annulment that takes the decision out of the register. Orders are never published as sanctions.
 * Every step is audited. Thread-safe.
 */
@Component
class Publications {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final DecisionRecords records;
    private final FourEyes fourEyes;

    Publications(JdbcClient jdbc, Clock clock, AuditLog audit, DecisionRecords records, FourEyes fourEyes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.records = records;
        this.fourEyes = fourEyes;
    }

    void decide(long decisionId, boolean publish, @Nullable String reasons) {
        Decision d = sanction(decisionId);
        fourEyes.requireSignatory("enforcement.refused.publish.signatory");
        if (d.publication().annulledAt() != null) {
            throw InvalidRequestException.because("enforcement.refused.publish.annulled", decisionId);
        }
        String why = publish ? null : Required.text(reasons, "enforcement.refused.publish.reasons");
        jdbc.sql("UPDATE enforcement_decision SET publish = ?, publish_reasons = ?, publication_decided_by = ?"
                        + " WHERE id = ?")
                .params(publish, why, Actors.current(), decisionId)
                .update();
        audit.record(
                "enforcement.publication-decided",
                "decision:" + decisionId,
                Map.of("publish", publish, "reasons", why == null ? "" : why));
    }

    void suspend(long decisionId, @Nullable String ruling) {
        Decision d = sanction(decisionId);
        if (d.signedAt() == null) {
            throw InvalidRequestException.because("enforcement.refused.suspend.unsigned");
        }
        if (d.publication().suspendedAt() != null) {
            throw InvalidRequestException.because("enforcement.refused.suspend.again", decisionId);
        }
        String text = Required.text(ruling, "enforcement.refused.suspension.ruling");
        jdbc.sql("UPDATE enforcement_decision SET suspended_at = ?, suspension = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), text, decisionId)
                .update();
        audit.record("enforcement.publication-suspended", "decision:" + decisionId, Map.of("ruling", text));
    }

    void annul(long decisionId, @Nullable String ruling) {
        Decision d = records.get(decisionId);
        if (d.signedAt() == null || d.publication().annulledAt() != null) {
            throw InvalidRequestException.because("enforcement.refused.annul");
        }
        String text = Required.text(ruling, "enforcement.refused.annulment.ruling");
        jdbc.sql("UPDATE enforcement_decision SET annulled_at = ?, annulment = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), text, decisionId)
                .update();
        audit.record("enforcement.decision-annulled", "decision:" + decisionId, Map.of("ruling", text));
    }

    private Decision sanction(long decisionId) {
        Decision d = records.get(decisionId);
        if (d.kind() == Decision.Kind.ORDER) {
            throw InvalidRequestException.because("enforcement.refused.publish.order");
        }
        return d;
    }
}

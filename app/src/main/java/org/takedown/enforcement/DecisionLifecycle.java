package org.takedown.enforcement;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.enforcement.Decision.ObjectionStatus;
import org.takedown.enforcement.Enforcement.Change;
import org.takedown.enforcement.Enforcement.ChangeKind;
import org.takedown.enforcement.Enforcement.ChangeRequest;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;

/**
 * A decision's life after drafting: edits of the draft, sign-off by a second person (its documents issued and
 * hashed), new versions that supersede the old on signing, objection and appeal, and withdrawal by four eyes.
 * Thread-safe.
 */
@Component
class DecisionLifecycle {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final Cases cases;
    private final DecisionRecords records;
    private final DecisionDocuments documents;
    private final FourEyes fourEyes;
    private final EnforcementProperties properties;

    DecisionLifecycle(
            JdbcClient jdbc,
            Clock clock,
            AuditLog audit,
            Cases cases,
            DecisionRecords records,
            DecisionDocuments documents,
            FourEyes fourEyes,
            EnforcementProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.cases = cases;
        this.records = records;
        this.documents = documents;
        this.fourEyes = fourEyes;
        this.properties = properties;
    }

    Decision sign(long decisionId) {
        Decision draft = records.get(decisionId);
        if (draft.state() != Decision.State.DRAFT) {
            throw InvalidRequestException.because(
                    "enforcement.refused.sign.state",
                    decisionId,
                    draft.state().name().toLowerCase(Locale.ROOT));
        }
        fourEyes.requireSignatory("enforcement.refused.signatory");
        String signer = Actors.current();
        if (signer.equals(draft.createdBy())) {
            throw InvalidRequestException.because("enforcement.refused.sign.drafter", signer, decisionId);
        }
        if (signer.equals(fourEyes.editedBy(decisionId))) {
            throw InvalidRequestException.because("enforcement.refused.sign.editor", signer, decisionId);
        }
        Instant now = clock.instant();
        // orders are never published as sanctions; a sanction decision is, unless it was decided otherwise
        jdbc.sql("UPDATE enforcement_decision SET state = 'SIGNED', signed_by = ?, signed_at = ?, publish_after = ?,"
                        + " publish = publish AND kind <> 'ORDER' WHERE id = ?")
                .params(
                        signer,
                        Timestamp.from(now),
                        Timestamp.from(now.plus(properties.publicationDelay())),
                        decisionId)
                .update();
        if (draft.supersedes() != null) {
            jdbc.sql("UPDATE enforcement_decision SET state = 'SUPERSEDED' WHERE id = ?")
                    .param(draft.supersedes())
                    .update();
        }
        Decision signed = records.get(decisionId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", signed.kind().name());
        details.put("version", signed.version());
        details.put("drafter", signed.createdBy());
        details.putAll(documents.issue(signed, cases.get(signed.caseId())));
        audit.record("enforcement.decision-signed", "decision:" + decisionId, details);
        return signed;
    }

    void edit(long decisionId, @Nullable String legalBasis, @Nullable String reasons) {
        Decision decision = records.get(decisionId);
        if (decision.state() != Decision.State.DRAFT) {
            throw InvalidRequestException.because("enforcement.refused.edit.signed", decisionId);
        }
        jdbc.sql("UPDATE enforcement_decision SET legal_basis = ?, reasons = ?, edited_by = ? WHERE id = ?")
                .params(
                        Required.text(legalBasis, "enforcement.refused.decision.basis"),
                        Required.text(reasons, "enforcement.refused.decision.reasons"),
                        Actors.current(),
                        decisionId)
                .update();
        audit.record("enforcement.decision-edited", "decision:" + decisionId, Map.of());
    }

    long newVersion(long decisionId) {
        Decision old = records.get(decisionId);
        if (old.state() != Decision.State.SIGNED) {
            throw InvalidRequestException.because("enforcement.refused.version.draft");
        }
        long id = jdbc.sql("""
                        INSERT INTO enforcement_decision (case_id, kind, version, supersedes, state, addressee,
                            addressee_id, addressee_kind, legal_basis, reasons, deadline_hours, order_id, amount_per_url,
                            period_hours, max_total, amount, turnover, breaches, term_hours, turnover_source, publish,
                            publish_reasons, publication_decided_by, created_by, created_at)
                        SELECT case_id, kind, version + 1, id, 'DRAFT', addressee, addressee_id, addressee_kind, legal_basis,
                               reasons, deadline_hours, order_id, amount_per_url, period_hours, max_total, amount,
                               turnover, breaches, term_hours, turnover_source, publish, publish_reasons,
                               publication_decided_by, ?, ? FROM enforcement_decision WHERE id = ? RETURNING id""")
                .params(Actors.current(), Timestamp.from(clock.instant()), decisionId)
                .query(Long.class)
                .single();
        jdbc.sql("""
                        INSERT INTO enforcement_order_url (decision_id, url_id, url)
                        SELECT ?, url_id, url FROM enforcement_order_url WHERE decision_id = ?""").params(id, decisionId).update();
        audit.record("enforcement.decision-new-version", "decision:" + id, Map.of("supersedes", decisionId));
        return id;
    }

    void objection(long decisionId, ObjectionStatus step, @Nullable String outcome) {
        Decision decision = records.get(decisionId);
        if (decision.signedAt() == null) {
            throw InvalidRequestException.because("enforcement.refused.objection.unsigned");
        }
        if (step.compareTo(decision.objectionStatus()) < 0) {
            throw InvalidRequestException.because(
                    "enforcement.refused.objection.order",
                    decision.objectionStatus().name(),
                    step.name());
        }
        String result = outcome == null || outcome.isBlank() ? null : outcome.strip();
        jdbc.sql("UPDATE enforcement_decision SET objection_status = ?, objection_outcome = ?,"
                        + " objection_updated_at = ? WHERE id = ?")
                .params(step.name(), result, Timestamp.from(clock.instant()), decisionId)
                .update();
        audit.record(
                "enforcement.objection",
                "decision:" + decisionId,
                Map.of("status", step.name(), "outcome", result == null ? "" : result));
    }

    Change withdraw(long decisionId, @Nullable String reason) {
        Decision decision = records.get(decisionId);
        if (decision.signedAt() == null || decision.withdrawnAt() != null) {
            throw InvalidRequestException.because("enforcement.refused.withdraw");
        }
        ChangeRequest waiting = fourEyes.waiting(decisionId, ChangeKind.WITHDRAW);
        String why =
                waiting != null ? waiting.reason() : Required.text(reason, "enforcement.refused.withdrawal.reason");
        if (fourEyes.secondPersonNeeded(decision, ChangeKind.WITHDRAW, waiting, why)) {
            return Change.REQUESTED;
        }
        jdbc.sql("UPDATE enforcement_decision SET withdrawn_at = ?, withdrawn_reason = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), why, decisionId)
                .update();
        audit.record("enforcement.decision-withdrawn", "decision:" + decisionId, Map.of("reason", why));
        return Change.DONE;
    }
}

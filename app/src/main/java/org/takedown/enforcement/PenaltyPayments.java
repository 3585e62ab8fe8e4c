package org.takedown.enforcement;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.enforcement.Enforcement.Change;
import org.takedown.enforcement.Enforcement.ChangeKind;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;

/**
 * Penalty payments (lasten onder dwangsom) on a signed order: an amount per non-compliant URL per period, up to a
 * maximum, forfeited as the checks find the URLs still online (see {@link DecisionRecords}); collected or ended by
 * four eyes. Thread-safe.
 */
@Component
class PenaltyPayments {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final Cases cases;
    private final DecisionRecords records;
    private final FourEyes fourEyes;

    PenaltyPayments(
            JdbcClient jdbc, Clock clock, AuditLog audit, Cases cases, DecisionRecords records, FourEyes fourEyes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.cases = cases;
        this.records = records;
        this.fourEyes = fourEyes;
    }

    long draft(
            long caseId,
            long orderId,
            @Nullable BigDecimal amountPerUrl,
            @Nullable Integer periodHours,
            @Nullable BigDecimal maxTotal,
            @Nullable Integer termHours,
            @Nullable String legalBasis,
            @Nullable String reasons) {
        cases.getOpen(caseId);
        Decision order = records.get(orderId);
        if (!order.isSignedOrder() || order.caseId() != caseId) {
            throw InvalidRequestException.because("enforcement.refused.penalty.order");
        }
        check(amountPerUrl, periodHours, maxTotal, termHours);
        long id = jdbc.sql("""
                        INSERT INTO enforcement_decision (case_id, kind, state, addressee, addressee_id, addressee_kind, legal_basis,
                                                          reasons, order_id, amount_per_url, period_hours, max_total,
                                                          term_hours, created_by, created_at)
                        VALUES (?, 'PENALTY', 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        caseId,
                        order.addressee(),
                        order.addresseeId(),
                        order.addresseeKind().name(),
                        Required.text(legalBasis, "enforcement.refused.penalty.basis"),
                        Required.text(reasons, "enforcement.refused.penalty.reasons"),
                        orderId,
                        amountPerUrl,
                        periodHours,
                        maxTotal,
                        termHours,
                        Actors.current(),
                        now())
                .query(Long.class)
                .single();
        audit.record(
                "enforcement.penalty-drafted",
                "decision:" + id,
                Map.of(
                        "order",
                        orderId,
                        "amountPerUrl",
                        amountPerUrl,
                        "periodHours",
                        periodHours,
                        "max",
                        maxTotal,
                        "termHours",
                        termHours));
        return id;
    }

    private static void check(
            @Nullable BigDecimal amountPerUrl,
            @Nullable Integer periodHours,
            @Nullable BigDecimal maxTotal,
            @Nullable Integer termHours) {
        if (amountPerUrl == null || amountPerUrl.signum() <= 0) {
            throw InvalidRequestException.because("enforcement.refused.penalty.amount");
        }
        if (periodHours == null || periodHours <= 0) {
            throw InvalidRequestException.because("enforcement.refused.penalty.period");
        }
        if (maxTotal == null || maxTotal.compareTo(amountPerUrl) < 0) {
            throw InvalidRequestException.because("enforcement.refused.penalty.max");
        }
        if (termHours == null || termHours < 0) {
            throw InvalidRequestException.because("enforcement.refused.penalty.term");
        }
    }

    Change collect(long penaltyId) {
        Decision penalty = records.signed(penaltyId, Decision.Kind.PENALTY);
        if (penalty.forfeited() == null || penalty.forfeited().signum() == 0) {
            throw InvalidRequestException.because("enforcement.refused.penalty.nothing", penaltyId);
        }
        if (fourEyes.secondPersonNeeded(penalty, ChangeKind.COLLECT, "collect what was forfeited")) {
            return Change.REQUESTED;
        }
        jdbc.sql("UPDATE enforcement_decision SET collected_at = ?, ended_at = coalesce(ended_at, ?) WHERE id = ?")
                .params(now(), now(), penaltyId)
                .update();
        audit.record("enforcement.penalty-collected", "decision:" + penaltyId, Map.of("amount", penalty.forfeited()));
        return Change.DONE;
    }

    Change end(long penaltyId) {
        Decision penalty = records.signed(penaltyId, Decision.Kind.PENALTY);
        if (fourEyes.secondPersonNeeded(penalty, ChangeKind.END_PENALTY, "end the penalty payment")) {
            return Change.REQUESTED;
        }
        jdbc.sql("UPDATE enforcement_decision SET ended_at = coalesce(ended_at, ?) WHERE id = ?")
                .params(now(), penaltyId)
                .update();
        audit.record("enforcement.penalty-ended", "decision:" + penaltyId, Map.of());
        return Change.DONE;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}

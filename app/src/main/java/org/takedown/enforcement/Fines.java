package org.takedown.enforcement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.attribution.HostingCompanies;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;

/** Administrative fines: drafted within the cap of 10 % of the company's registered annual turnover. Thread-safe. */
@Component
class Fines {

    /** The fine cap: this share of the annual turnover. */
    static final BigDecimal CAP = new BigDecimal("0.10");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final HostingCompanies companies;
    private final Cases cases;

    Fines(JdbcClient jdbc, Clock clock, AuditLog audit, HostingCompanies companies, Cases cases) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.companies = companies;
        this.cases = cases;
    }

    /** The highest fine on a turnover. */
    static BigDecimal cap(BigDecimal turnover) {
        return turnover.multiply(CAP).setScale(2, RoundingMode.DOWN);
    }

    long draft(
            long caseId,
            @Nullable BigDecimal amount,
            @Nullable String breaches,
            @Nullable String legalBasis,
            @Nullable String reasons,
            @Nullable BigDecimal estimate,
            @Nullable String estimateSource) {
        EnforcementCase c = cases.getOpen(caseId);
        BigDecimal turnover = companies.get(c.companyId()).annualTurnoverEur();
        String source = "registry";
        if (turnover == null) {
            if (estimate == null || estimate.signum() <= 0) {
                throw InvalidRequestException.because("enforcement.refused.fine.turnover", c.company());
            }
            turnover = estimate;
            source = "estimate: " + Required.text(estimateSource, "enforcement.refused.estimate.source");
        } else if (estimate != null) {
            throw InvalidRequestException.because(
                    "enforcement.refused.fine.estimate", c.company(), turnover.toPlainString());
        }
        if (amount == null || amount.signum() <= 0) {
            throw InvalidRequestException.because("enforcement.refused.fine.amount");
        }
        BigDecimal cap = cap(turnover);
        if (amount.compareTo(cap) > 0) {
            throw InvalidRequestException.because(
                    "enforcement.refused.fine.cap", cap.toPlainString(), amount.toPlainString());
        }
        long id = jdbc.sql("""
                        INSERT INTO enforcement_decision (case_id, kind, state, addressee, addressee_id, addressee_kind, legal_basis,
                                                          reasons, amount, turnover, turnover_source, breaches,
                                                          created_by, created_at)
                        VALUES (?, 'FINE', 'DRAFT', ?, ?, 'HOSTER', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        caseId,
                        c.company(),
                        c.companyId(),
                        Required.text(legalBasis, "enforcement.refused.fine.basis"),
                        Required.text(reasons, "enforcement.refused.fine.grounds"),
                        amount,
                        turnover,
                        source,
                        Required.text(breaches, "enforcement.refused.fine.breaches"),
                        Actors.current(),
                        Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        audit.record(
                "enforcement.fine-drafted",
                "decision:" + id,
                Map.of("amount", amount, "cap", cap, "turnover", turnover, "turnoverSource", source));
        return id;
    }
}

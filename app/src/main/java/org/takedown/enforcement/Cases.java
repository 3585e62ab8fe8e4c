package org.takedown.enforcement;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.HostingCompany;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;

/**
 * Candidates flagged by the watch list and the cases they go into: one open case per hosting company, opened by
 * accepting a candidate or by hand. Thread-safe.
 */
@Component
class Cases {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final HostingCompanies companies;
    private final DecisionRecords records;

    Cases(JdbcClient jdbc, Clock clock, AuditLog audit, HostingCompanies companies, DecisionRecords records) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.companies = companies;
        this.records = records;
    }

    Enforcement.Waiting waiting() {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE state = 'DRAFT'),
                               count(*) FILTER (WHERE kind = 'ORDER' AND state = 'SIGNED' AND channel IS NULL)
                        FROM enforcement_decision""")
                .query((rs, n) -> new Enforcement.Waiting(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    long accept(long candidateId) {
        Candidate candidate = openCandidate(candidateId);
        if (candidate.companyId() == null) {
            throw InvalidRequestException.because("enforcement.refused.unregistered", candidate.company());
        }
        long caseId = jdbc.sql("SELECT id FROM enforcement_case WHERE company_id = ? AND state = 'OPEN' ORDER BY id"
                        + " LIMIT 1")
                .param(candidate.companyId())
                .query(Long.class)
                .optional()
                .orElseGet(() -> open(
                        candidate.companyId(),
                        "flagged by the watch list at " + candidate.flaggedAt() + ": "
                                + String.join("; ", candidate.flags())));
        jdbc.sql("UPDATE enforcement_candidate SET state = 'ACCEPTED', case_id = ?, decided_by = ?, decided_at = ?"
                        + " WHERE id = ?")
                .params(caseId, Actors.current(), now(), candidateId)
                .update();
        audit.record("enforcement.candidate-accepted", "case:" + caseId, Map.of("candidate", candidateId));
        return caseId;
    }

    void dismiss(long candidateId, @Nullable String reason) {
        openCandidate(candidateId);
        String why = Required.text(reason, "enforcement.refused.dismiss.reason");
        jdbc.sql("UPDATE enforcement_candidate SET state = 'DISMISSED', reason = ?, decided_by = ?, decided_at = ?"
                        + " WHERE id = ?")
                .params(why, Actors.current(), now(), candidateId)
                .update();
        audit.record("enforcement.candidate-dismissed", "candidate:" + candidateId, Map.of("reason", why));
    }

    private Candidate openCandidate(long id) {
        Candidate candidate = records.candidate(id).orElseThrow(() -> new NotFoundException("no candidate " + id));
        if (candidate.state() != Candidate.State.OPEN) {
            throw InvalidRequestException.because("enforcement.refused.candidate." + candidate.state(), id);
        }
        return candidate;
    }

    /** Opens a case against a company. */
    long open(long companyId, String reason) {
        HostingCompany company = companies.get(companyId);
        long id = jdbc.sql("""
                        INSERT INTO enforcement_case (company_id, company, reason, opened_at, opened_by)
                        VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(companyId, company.name(), reason, now(), Actors.current())
                .query(Long.class)
                .single();
        audit.record("enforcement.case-opened", "case:" + id, Map.of("company", company.name(), "reason", reason));
        return id;
    }

    EnforcementCase get(long id) {
        return records.enforcementCase(id).orElseThrow(() -> new NotFoundException("no case " + id));
    }

    /** The case, refused when it is closed (a closed case takes no new decisions). */
    EnforcementCase getOpen(long caseId) {
        EnforcementCase c = get(caseId);
        if (c.state() != EnforcementCase.State.OPEN) {
            throw InvalidRequestException.because("enforcement.refused.case.closed", caseId);
        }
        return c;
    }

    List<EnforcementCase> all() {
        return records.cases();
    }

    List<Candidate> openCandidates() {
        return records.openCandidates();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}

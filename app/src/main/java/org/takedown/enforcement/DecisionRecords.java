package org.takedown.enforcement;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.intake.UrlId;
import org.takedown.probing.Probes;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;

/**
 * Reads the enforcement tables into their records: candidates, cases, and decisions complete with an order's URLs
 * and a penalty payment's forfeited amount, which is computed from the probes' removal times at the moment of
 * reading (never stored, never typed in). Thread-safe.
 */
@Component
class DecisionRecords {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Probes probes;

    DecisionRecords(JdbcClient jdbc, Clock clock, Probes probes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.probes = probes;
    }

    /** Candidates still waiting for an officer, oldest first. */
    List<Candidate> openCandidates() {
        return jdbc.sql("SELECT * FROM enforcement_candidate WHERE state = 'OPEN' ORDER BY flagged_at, id")
                .query(DecisionRecords::candidate)
                .list();
    }

    Optional<Candidate> candidate(long id) {
        return jdbc.sql("SELECT * FROM enforcement_candidate WHERE id = ?")
                .param(id)
                .query(DecisionRecords::candidate)
                .optional();
    }

    List<EnforcementCase> cases() {
        return jdbc.sql("SELECT * FROM enforcement_case ORDER BY state DESC, opened_at DESC")
                .query(DecisionRecords::enforcementCase)
                .list();
    }

    Optional<EnforcementCase> enforcementCase(long id) {
        return jdbc.sql("SELECT * FROM enforcement_case WHERE id = ?")
                .param(id)
                .query(DecisionRecords::enforcementCase)
                .optional();
    }

    /** The decision, or {@link NotFoundException}. */
    Decision get(long id) {
        return decision(id).orElseThrow(() -> new NotFoundException("no decision " + id));
    }

    /** The decision when it is a signed one of {@code kind}, or refused. */
    Decision signed(long id, Decision.Kind kind) {
        Decision decision = get(id);
        if (decision.kind() != kind || decision.signedAt() == null) {
            throw new InvalidRequestException(
                    "decision " + id + " is not a signed " + kind.name().toLowerCase(Locale.ROOT));
        }
        return decision;
    }

    Optional<Decision> decision(long id) {
        return bare(id).map(this::complete);
    }

    /** The decisions of a case, oldest first. */
    List<Decision> decisionsOfCase(long caseId) {
        return all(jdbc.sql("SELECT id FROM enforcement_decision WHERE case_id = ? ORDER BY id")
                .param(caseId)
                .query(Long.class)
                .list());
    }

    /** Every signed decision, newest first. */
    List<Decision> signedDecisions() {
        return all(jdbc.sql("SELECT id FROM enforcement_decision WHERE signed_at IS NOT NULL"
                        + " ORDER BY signed_at DESC, id DESC")
                .query(Long.class)
                .list());
    }

    private List<Decision> all(List<Long> ids) {
        List<Decision> all = new ArrayList<>(ids.size());
        for (long id : ids) {
            decision(id).ifPresent(all::add);
        }
        return all;
    }

    private Optional<Decision> bare(long id) {
        return jdbc.sql("SELECT * FROM enforcement_decision WHERE id = ?")
                .param(id)
                .query((rs, n) -> decision(rs, List.of(), null))
                .optional();
    }

    private Decision complete(Decision bare) {
        List<Decision.OrderUrl> urls = bare.kind() == Decision.Kind.ORDER ? orderUrls(bare.id()) : List.of();
        BigDecimal forfeited = null;
        if (bare.kind() == Decision.Kind.PENALTY && bare.orderId() != null) {
            Decision order = bare(bare.orderId()).orElseThrow();
            forfeited = forfeited(bare, orderUrls(order.id()), order.deadlineAt());
        }
        return bare.with(urls, forfeited);
    }

    private List<Decision.OrderUrl> orderUrls(long decisionId) {
        return jdbc.sql("SELECT url_id, url, compliant, removed_at, checked_at FROM enforcement_order_url"
                        + " WHERE decision_id = ? ORDER BY url_id")
                .param(decisionId)
                .query((rs, n) -> new Decision.OrderUrl(
                        rs.getLong(1), rs.getString(2), (Boolean) rs.getObject(3), instant(rs, 4), instant(rs, 5)))
                .list();
    }

    /** The amount a penalty payment has forfeited by now: computed from the checks, never typed in. */
    private BigDecimal forfeited(Decision penalty, List<Decision.OrderUrl> orderUrls, @Nullable Instant orderDeadline) {
        if (penalty.deliveredAt() == null || orderDeadline == null) {
            return BigDecimal.ZERO; // never before its delivery
        }
        Instant termEnds =
                penalty.deliveredAt().plus(Duration.ofHours(penalty.termHours() == null ? 0 : penalty.termHours()));
        Instant from = termEnds.isAfter(orderDeadline) ? termEnds : orderDeadline;
        Instant until = penalty.endedAt() != null ? penalty.endedAt() : clock.instant();
        long periodSeconds = penalty.periodHours() * 3600L;
        BigDecimal total = BigDecimal.ZERO;
        var statuses = probes.statuses(
                orderUrls.stream().map(u -> new UrlId(u.urlId())).toList());
        for (Decision.OrderUrl url : orderUrls) {
            if (Boolean.TRUE.equals(url.compliant())) {
                continue;
            }
            Probes.Status status = statuses.get(url.urlId());
            Instant removed = status == null ? null : status.removedAt();
            Instant end = removed != null && removed.isBefore(until) ? removed : until;
            long seconds = Duration.between(from, end).toSeconds();
            if (seconds <= 0) {
                continue;
            }
            long periods = (seconds + periodSeconds - 1) / periodSeconds;
            total = total.add(penalty.amountPerUrl().multiply(BigDecimal.valueOf(periods)));
        }
        return total.min(penalty.maxTotal());
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Candidate candidate(ResultSet rs, int row) throws SQLException {
        Array ids = rs.getArray("url_ids");
        List<Long> urlIds = new ArrayList<>();
        for (Object id : (Object[]) ids.getArray()) {
            urlIds.add(((Number) id).longValue());
        }
        return new Candidate(
                rs.getLong("id"),
                (Long) rs.getObject("notice_id"),
                (Long) rs.getObject("company_id"),
                rs.getString("company"),
                rs.getTimestamp("flagged_at").toInstant(),
                rs.getString("flags").isEmpty()
                        ? List.of()
                        : List.of(rs.getString("flags").split("\n")),
                urlIds,
                Candidate.State.valueOf(rs.getString("state")),
                rs.getString("reason"),
                (Long) rs.getObject("case_id"));
    }

    private static EnforcementCase enforcementCase(ResultSet rs, int row) throws SQLException {
        return new EnforcementCase(
                rs.getLong("id"),
                rs.getLong("company_id"),
                rs.getString("company"),
                rs.getString("reason"),
                rs.getTimestamp("opened_at").toInstant(),
                rs.getString("opened_by"),
                EnforcementCase.State.valueOf(rs.getString("state")));
    }

    private static Decision decision(ResultSet rs, List<Decision.OrderUrl> urls, @Nullable BigDecimal forfeited)
            throws SQLException {
        return new Decision(
                rs.getLong("id"),
                rs.getLong("case_id"),
                Decision.Kind.valueOf(rs.getString("kind")),
                rs.getInt("version"),
                (Long) rs.getObject("supersedes"),
                Decision.State.valueOf(rs.getString("state")),
                rs.getString("addressee"),
                (Long) rs.getObject("addressee_id"),
                Decision.AddresseeKind.valueOf(rs.getString("addressee_kind")),
                rs.getString("legal_basis"),
                rs.getString("reasons"),
                rs.getBigDecimal("deadline_hours"),
                rs.getString("channel") == null ? null : Decision.Channel.valueOf(rs.getString("channel")),
                instant(rs, "delivered_at"),
                rs.getString("delivery_proof"),
                instant(rs, "deadline_at"),
                instant(rs, "checked_at"),
                (Long) rs.getObject("order_id"),
                rs.getBigDecimal("amount_per_url"),
                (Integer) rs.getObject("period_hours"),
                rs.getBigDecimal("max_total"),
                instant(rs, "collected_at"),
                instant(rs, "ended_at"),
                rs.getBigDecimal("amount"),
                rs.getBigDecimal("turnover"),
                rs.getString("breaches"),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("signed_by"),
                instant(rs, "signed_at"),
                instant(rs, "publish_after"),
                instant(rs, "withdrawn_at"),
                rs.getString("withdrawn_reason"),
                Decision.ObjectionStatus.valueOf(rs.getString("objection_status")),
                rs.getString("objection_outcome"),
                (Integer) rs.getObject("term_hours"),
                rs.getString("turnover_source"),
                new Decision.Publication(
                        rs.getBoolean("publish"),
                        rs.getString("publish_reasons"),
                        rs.getString("publication_decided_by"),
                        instant(rs, "suspended_at"),
                        rs.getString("suspension"),
                        instant(rs, "annulled_at"),
                        rs.getString("annulment")),
                urls,
                forfeited);
    }
}

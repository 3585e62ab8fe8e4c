package org.takedown.triage;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.intake.UrlId;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;

/**
 * The triage workbench's rules: a queue of unassessed URLs, oldest first; an analyst claims a URL so that no one
 * else assesses it at the same time (a claim lapses after 30 minutes); the assessment is final at once, or, when a
 * source of the URL asks for four eyes, after a supervisor other than the assessor confirms it. Every assessment and
 * confirmation is audited; a final one publishes {@link UrlAssessed}. Thread-safe.
 */
@Service
public class Triage {

    /** How long a claim holds. */
    public static final Duration CLAIM = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    Triage(
            JdbcClient jdbc,
            AuditLog audit,
            Clock clock,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /** How many URLs are in a triage state (QUEUED, AWAITING_CONFIRMATION, ASSESSED). */
    public long count(TriageState triage) {
        return jdbc.sql("SELECT count(*) FROM triage_case WHERE triage = ?")
                .param(triage.name())
                .query(Long.class)
                .single();
    }

    /**
     * URLs in a triage state, oldest report first, optionally only those reported by a source or on a domain (the
     * host or a subdomain of it).
     */
    public List<QueuedUrl> queue(TriageState triage, @Nullable String source, @Nullable String domain, int limit) {
        return queue(triage, new Filter(source, domain, null, null), limit);
    }

    /**
     * What to show of the queue; blank or null parts do not filter.
     *
     * @param hoster part of the hosting company's name (case-insensitive)
     * @param country a country code, or {@code unresolved} for URLs not attributed yet
     */
    public record Filter(
            @Nullable String source,
            @Nullable String domain,
            @Nullable String hoster,
            @Nullable String country) {}

    /** URLs in a triage state that pass a filter, oldest report first. */
    public List<QueuedUrl> queue(TriageState triage, Filter filter, int limit) {
        String source = filter.source();
        String domain = filter.domain();
        StringBuilder sql = new StringBuilder(SELECT + " WHERE t.triage = ?");
        List<Object> params = new ArrayList<>(List.of(triage.name()));
        if (source != null && !source.isBlank()) {
            sql.append(" AND ? = ANY(i.sources)");
            params.add(source.strip());
        }
        if (domain != null && !domain.isBlank()) {
            String d = domain.strip().toLowerCase(java.util.Locale.ROOT);
            sql.append(" AND (i.host = ? OR i.host LIKE ?)");
            params.add(d);
            params.add("%." + d.replace("%", "").replace("_", "\\_"));
        }
        if (filter.hoster() != null && !filter.hoster().isBlank()) {
            sql.append(" AND t.hosting_company ILIKE ?");
            params.add("%"
                    + filter.hoster()
                            .strip()
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_") + "%");
        }
        if (filter.country() != null && !filter.country().isBlank()) {
            String country = filter.country().strip();
            if (country.equalsIgnoreCase("unresolved")) {
                sql.append(" AND t.hosted_in IS NULL");
            } else {
                sql.append(" AND t.hosted_in = ?");
                params.add(country.toUpperCase(java.util.Locale.ROOT));
            }
        }
        sql.append(" ORDER BY t.first_reported_at, t.url_id LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(Triage::map).list();
    }

    /** One URL as the workbench shows it. */
    public QueuedUrl get(long urlId) {
        return jdbc.sql(SELECT + " WHERE t.url_id = ?")
                .param(urlId)
                .query(Triage::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("no reported URL " + urlId));
    }

    /** The notes of the reports that mentioned a URL, oldest first (to show as text, never as markup). */
    public List<String> notes(long urlId) {
        return jdbc.sql("SELECT source || ': ' || note FROM intake_report_note WHERE url_id = ? ORDER BY received_at")
                .param(urlId)
                .query(String.class)
                .list();
    }

    /** Claims a URL for the current user; refused while someone else's claim holds. */
    @Transactional
    public void claim(long urlId) {
        String me = Actors.current();
        Instant now = clock.instant();
        int claimed = jdbc.sql("""
                        UPDATE triage_case SET claimed_by = ?, claimed_at = ?
                        WHERE url_id = ? AND triage = 'QUEUED'
                          AND (claimed_by IS NULL OR claimed_by = ? OR claimed_at < ?)""")
                .params(me, Timestamp.from(now), urlId, me, Timestamp.from(now.minus(CLAIM)))
                .update();
        if (claimed == 0) {
            QueuedUrl url = get(urlId);
            if (url.triage() != TriageState.QUEUED) {
                throw InvalidRequestException.because("triage.refused.assessed", urlId);
            }
            throw InvalidRequestException.because("triage.refused.claimed", urlId, url.claimedBy());
        }
    }

    /**
     * Assesses a URL as the current user (claiming it if unclaimed).
     *
     * @return the triage state after it: ASSESSED, or AWAITING_CONFIRMATION under four eyes
     */
    @Transactional
    public TriageState assess(long urlId, Assessment assessment, @Nullable String reason, @Nullable SiteType siteType) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (assessment.needsReason() && why == null) {
            throw InvalidRequestException.because("triage.refused.reason", assessment.name());
        }
        claim(urlId);
        return record(urlId, assessment, why, siteType, Actors.current());
    }

    /**
     * Assesses a still-queued URL by a rule rather than a person (e.g. a hash list whose matches are confirmed
     * automatically), as {@code actor}; four eyes still apply. Does nothing once the URL is assessed.
     *
     * @return the triage state after it, or empty when the URL was no longer queued
     */
    @Transactional
    public java.util.Optional<TriageState> assessByRule(
            long urlId, Assessment assessment, String reason, String actor) {
        if (jdbc.sql("SELECT triage FROM triage_case WHERE url_id = ? FOR UPDATE")
                .param(urlId)
                .query(String.class)
                .optional()
                .filter("QUEUED"::equals)
                .isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(record(urlId, assessment, reason, null, actor));
    }

    private TriageState record(
            long urlId, Assessment assessment, @Nullable String why, @Nullable SiteType siteType, String me) {
        boolean fourEyes = jdbc.sql("SELECT four_eyes FROM intake_reported_url WHERE url_id = ?")
                .param(urlId)
                .query(Boolean.class)
                .single();
        TriageState state = fourEyes ? TriageState.AWAITING_CONFIRMATION : TriageState.ASSESSED;
        jdbc.sql("""
                        UPDATE triage_case SET triage = ?, assessment = ?, assessment_reason = ?, site_type = ?,
                               assessed_by = ?, assessed_at = ?, claimed_by = NULL, claimed_at = NULL
                        WHERE url_id = ?""")
                .params(
                        state.name(),
                        assessment.name(),
                        why,
                        siteType == null ? null : siteType.name(),
                        me,
                        Timestamp.from(clock.instant()),
                        urlId)
                .update();
        QueuedUrl url = get(urlId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("assessment", assessment.name());
        details.put("url", url.normalized());
        if (why != null) {
            details.put("reason", why);
        }
        if (siteType != null) {
            details.put("siteType", siteType.name());
        }
        details.put("fourEyes", fourEyes);
        audit.record(me, "url.assessed", "url:" + urlId, details);
        if (!fourEyes) {
            events.publishEvent(new UrlAssessed(new UrlId(urlId), url.normalized(), url.host(), assessment, why));
        }
        return state;
    }

    /** Assesses several URLs alike; returns, per URL, the state after it or why it was refused. */
    public Map<Long, String> assessAll(
            List<Long> urlIds, Assessment assessment, @Nullable String reason, @Nullable SiteType siteType) {
        Map<Long, String> results = new LinkedHashMap<>();
        for (long id : urlIds) {
            try {
                // each URL in its own transaction: one refusal does not undo the others
                TriageState state = transactions.execute(status -> assess(id, assessment, reason, siteType));
                results.put(id, state == null ? "refused" : state.name());
            } catch (InvalidRequestException | NotFoundException e) {
                results.put(id, "refused: " + e.getMessage());
            }
        }
        return results;
    }

    /** A supervisor confirms an assessment made under four eyes; nobody confirms their own. */
    @Transactional
    public void confirm(long urlId) {
        QueuedUrl url = get(urlId);
        String me = Actors.current();
        if (url.triage() != TriageState.AWAITING_CONFIRMATION) {
            throw InvalidRequestException.because("triage.refused.not-waiting", urlId);
        }
        if (me.equals(url.assessedBy())) {
            throw InvalidRequestException.because("triage.refused.four-eyes");
        }
        jdbc.sql("UPDATE triage_case SET triage = 'ASSESSED', confirmed_by = ?, confirmed_at = ? WHERE url_id = ?")
                .params(me, Timestamp.from(clock.instant()), urlId)
                .update();
        audit.record(
                me,
                "url.confirmed",
                "url:" + urlId,
                Map.of("assessment", url.assessment().name(), "assessedBy", url.assessedBy()));
        events.publishEvent(new UrlAssessed(
                new UrlId(urlId), url.normalized(), url.host(), url.assessment(), url.assessmentReason()));
    }

    private static final String SELECT = """
            SELECT t.url_id AS id, i.normalized, i.host, i.host_unicode, t.first_reported_at, i.report_count,
                   t.triage, t.claimed_by, t.assessment, t.assessment_reason, t.site_type, t.assessed_by,
                   t.hosting_company, t.hosted_in, t.hosting_ips, t.hosting_problem, t.content_summary,
                   t.content_problem, t.proposed_assessment, t.proposal, i.sources
            FROM triage_case t JOIN intake_reported_url i ON i.url_id = t.url_id""";

    private static QueuedUrl map(ResultSet rs, int row) throws SQLException {
        Array sources = rs.getArray("sources");
        List<String> names = new ArrayList<>();
        for (Object name : (Object[]) sources.getArray()) {
            names.add((String) name);
        }
        return new QueuedUrl(
                rs.getLong("id"),
                rs.getString("normalized"),
                rs.getString("host"),
                rs.getString("host_unicode"),
                rs.getTimestamp("first_reported_at").toInstant(),
                rs.getInt("report_count"),
                names,
                TriageState.valueOf(rs.getString("triage")),
                rs.getString("claimed_by"),
                rs.getString("assessment") == null ? null : Assessment.valueOf(rs.getString("assessment")),
                rs.getString("assessment_reason"),
                rs.getString("site_type") == null ? null : SiteType.valueOf(rs.getString("site_type")),
                rs.getString("assessed_by"),
                new QueuedUrl.Hosting(
                        rs.getString("hosting_company"),
                        rs.getString("hosted_in"),
                        rs.getString("hosting_ips"),
                        rs.getString("hosting_problem")),
                new QueuedUrl.Content(
                        rs.getString("content_summary"),
                        rs.getString("content_problem"),
                        rs.getString("proposed_assessment"),
                        rs.getString("proposal")));
    }
}

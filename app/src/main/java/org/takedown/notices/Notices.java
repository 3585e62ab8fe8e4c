package org.takedown.notices;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.attribution.CompanyId;
import org.takedown.intake.UrlId;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;

/**
 * Notices to hosting companies as the rest of Takedown sees them: what each company was sent and answered, its
 * figures, and what the online checks report back about its URLs. Thread-safe.
 */
@Service
public class Notices {

    /** What a hosting company can answer about a notified URL. */
    public enum Response {
        REMOVED,
        DISPUTE,
        NOT_OUR_CUSTOMER
    }

    /**
     * A notice as its hosting company sees it.
     *
     * @param deadline the 24-hour norm: {@code sentAt} plus 24 hours
     */
    public record CompanyNotice(
            long id,
            String state,
            @Nullable Instant sentAt,
            @Nullable Instant deadline,
            List<NoticeUrl> urls) {}

    /** A URL of a notice, with the company's last answer about it. */
    public record NoticeUrl(
            long urlId,
            String url,
            @Nullable Instant removedAt,
            @Nullable String closedReason,
            @Nullable String response,
            @Nullable String responseReason) {}

    /** A hosting company's record: its notified URLs and how fast they went. */
    public record Figures(
            int urls,
            int removed,
            int removedWithin24h,
            @Nullable Duration medianRemoval) {

        /** Share of notified URLs removed within 24 hours, 0..1 (0 without URLs). */
        public double within24hShare() {
            return urls == 0 ? 0 : (double) removedWithin24h / urls;
        }
    }

    /** An answer of a hosting company, as the hotline reviews it. */
    public record HosterResponse(
            long id,
            long noticeId,
            long urlId,
            String url,
            String company,
            String kind,
            @Nullable String reason,
            Instant respondedAt,
            String respondedBy) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final NoticesProperties properties;
    private final HosterResponses responses;

    Notices(JdbcClient jdbc, Clock clock, AuditLog audit, NoticesProperties properties, HosterResponses responses) {
        this.responses = responses;
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.properties = properties;
    }

    /** A notice as the hotline lists it. */
    public record Summary(
            long id,
            String company,
            String channel,
            String state,
            Instant openedAt,
            @Nullable Instant sentAt,
            int urls,
            int removed,
            @Nullable Instant remindedAt,
            @Nullable Instant normBreachedAt,
            @Nullable String deliveryProblem) {}

    /** The latest notices, newest first; only those with URLs online past the norm when {@code breachedOnly}. */
    public List<Summary> recent(int limit, boolean breachedOnly) {
        return jdbc.sql("""
                        SELECT x.id, x.company, x.channel, x.state, x.opened_at, x.sent_at,
                               (SELECT count(*) FROM notice_url n WHERE n.notice_id = x.id),
                               (SELECT count(*) FROM notice_url n WHERE n.notice_id = x.id AND n.removed_at IS NOT NULL),
                               x.reminded_at, x.norm_breached_at,
                               (SELECT o.last_error FROM notice_outbox o WHERE o.notice_id = x.id AND o.sent_at IS NULL
                                ORDER BY o.id DESC LIMIT 1)
                        FROM notice x WHERE (? = FALSE OR x.norm_breached_at IS NOT NULL)
                        ORDER BY x.id DESC LIMIT ?""")
                .params(breachedOnly, limit)
                .query((rs, n) -> new Summary(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        rs.getInt(7),
                        rs.getInt(8),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(),
                        rs.getString(11)))
                .list();
    }

    /** The sent notices of one company, newest first (callers check that the company is the current one's). */
    public List<CompanyNotice> forCompany(long companyId, int limit) {
        List<CompanyNotice> notices = jdbc.sql("SELECT id, state, sent_at FROM notice WHERE company_id = ?"
                        + " AND sent_at IS NOT NULL ORDER BY sent_at DESC, id DESC LIMIT ?")
                .params(companyId, limit)
                .query((rs, n) -> {
                    Instant sent = rs.getTimestamp(3).toInstant();
                    return new CompanyNotice(
                            rs.getLong(1), rs.getString(2), sent, sent.plus(Duration.ofHours(24)), List.of());
                })
                .list();
        List<CompanyNotice> full = new java.util.ArrayList<>(notices.size());
        for (CompanyNotice notice : notices) {
            full.add(new CompanyNotice(
                    notice.id(), notice.state(), notice.sentAt(), notice.deadline(), urls(notice.id())));
        }
        return full;
    }

    private List<NoticeUrl> urls(long noticeId) {
        return jdbc.sql("""
                        SELECT n.url_id, n.url, n.removed_at, n.closed_reason,
                               (SELECT r.kind FROM hoster_response r WHERE r.notice_id = n.notice_id
                                  AND r.url_id = n.url_id ORDER BY r.id DESC LIMIT 1),
                               (SELECT r.reason FROM hoster_response r WHERE r.notice_id = n.notice_id
                                  AND r.url_id = n.url_id ORDER BY r.id DESC LIMIT 1)
                        FROM notice_url n WHERE n.notice_id = ? ORDER BY n.url_id""")
                .param(noticeId)
                .query((rs, n) -> new NoticeUrl(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
    }

    /** A URL notified to a company, with the notice it was in and whether it was removed. */
    public record CompanyUrl(
            long urlId,
            String url,
            long noticeId,
            Instant sentAt,
            @Nullable Instant removedAt) {}

    /** The URLs of a company's sent notices (still its own: not moved away), newest notice first. */
    public List<CompanyUrl> urlsOf(long companyId) {
        return jdbc
                .sql("""
                        SELECT DISTINCT ON (n.url_id) n.url_id, n.url, x.id, x.sent_at, n.removed_at
                        FROM notice_url n JOIN notice x ON x.id = n.notice_id
                        WHERE x.company_id = ? AND x.sent_at IS NOT NULL AND n.closed_at IS NULL
                        ORDER BY n.url_id, x.sent_at DESC""")
                .param(companyId)
                .query((rs, n) -> new CompanyUrl(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list()
                .stream()
                .sorted(java.util.Comparator.comparing(CompanyUrl::sentAt).reversed())
                .toList();
    }

    /** A URL of a notice sent to a company, with when the checks found it removed (null while online). */
    public record NotifiedUrl(
            long noticeId,
            long urlId,
            String url,
            Instant sentAt,
            @Nullable Instant removedAt) {}

    /** The URLs of the notices sent to a company from {@code from} (included) to {@code to}, oldest first. */
    public List<NotifiedUrl> notifiedUrls(long companyId, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT x.id, n.url_id, n.url, x.sent_at, n.removed_at
                        FROM notice_url n JOIN notice x ON x.id = n.notice_id
                        WHERE x.company_id = ? AND x.sent_at >= ? AND x.sent_at < ?
                        ORDER BY x.sent_at, n.url_id""")
                .params(companyId, java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
                .query((rs, n) -> new NotifiedUrl(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list();
    }

    /**
     * Queues a message to a hosting company in the outbox, in the caller's transaction: sent by e-mail at least once
     * with a stable Message-ID (returned), an optional PDF attached; {@link MessageSent} tells when the mail server
     * accepted it.
     *
     * @param reference what it is for, repeated in {@link MessageSent}
     */
    @Transactional
    public String queueMessage(
            String reference,
            String recipient,
            String subject,
            String text,
            byte @Nullable [] pdf,
            @Nullable String pdfName) {
        if (recipient == null || !recipient.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new InvalidRequestException("'" + recipient + "' is not an e-mail address to send to");
        }
        long id = jdbc.sql("SELECT nextval('notice_outbox_id_seq')")
                .query(Long.class)
                .single();
        String messageId = "<message-" + id + "@" + properties.hotline().domain() + ">";
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        INSERT INTO notice_outbox (id, notice_id, kind, message_id, created_at, next_attempt_at,
                                                   recipient, subject, body, attachment, attachment_name, reference)
                        VALUES (?, NULL, 'MESSAGE', ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, messageId, now, now, recipient, subject, text, pdf, pdfName, reference)
                .update();
        audit.record("notice.message-queued", reference, Map.of("messageId", messageId, "to", recipient));
        return messageId;
    }

    /** Notices with URLs still online after the norm (24 hours). */
    public long breachesOpen() {
        return jdbc.sql("""
                        SELECT count(*) FROM notice x WHERE x.norm_breached_at IS NOT NULL AND x.state = 'SENT'
                          AND EXISTS (SELECT 1 FROM notice_url n WHERE n.notice_id = x.id AND n.removed_at IS NULL
                                        AND n.closed_at IS NULL)""").query(Long.class).single();
    }

    /** Answers of hosting companies the hotline has not reviewed. */
    public long responsesToReviewCount() {
        return responses.toReviewCount();
    }

    /**
     * Records a hosting company's answer about one of its notified URLs, for the hotline to review; audited.
     *
     * @throws NotFoundException when the URL is not in a notice of that company
     * @throws InvalidRequestException for a dispute without a reason
     */
    @Transactional
    public void respond(CompanyId company, NoticeId notice, UrlId url, Response kind, @Nullable String reason) {
        responses.respond(company.value(), notice.value(), url.value(), kind, reason);
    }

    /** The answers of hosting companies the hotline has not reviewed yet, oldest first. */
    public List<HosterResponse> responsesToReview(int limit) {
        return responses.toReview(limit);
    }

    /** The hotline has reviewed an answer (the checks decide about removal; this closes the review). Audited. */
    @Transactional
    public void reviewed(long responseId) {
        responses.reviewed(responseId);
    }

    /** A company's sent notices with URLs still online. */
    public long openNoticesOf(long companyId) {
        return jdbc.sql("""
                        SELECT count(*) FROM notice x WHERE x.company_id = ? AND x.state = 'SENT'
                          AND EXISTS (SELECT 1 FROM notice_url n WHERE n.notice_id = x.id AND n.removed_at IS NULL
                                        AND n.closed_at IS NULL)""").param(companyId).query(Long.class).single();
    }

    /** A company's figures over all its notices. */
    public Figures figures(long companyId) {
        List<Duration> removals = new java.util.ArrayList<>();
        int[] urls = {0};
        jdbc.sql("""
                        SELECT x.sent_at, n.removed_at FROM notice_url n JOIN notice x ON x.id = n.notice_id
                        WHERE x.company_id = ? AND x.sent_at IS NOT NULL AND n.closed_at IS NULL""")
                .param(companyId)
                .query((rs, n) -> {
                    urls[0]++;
                    if (rs.getTimestamp(2) != null) {
                        removals.add(Duration.between(
                                rs.getTimestamp(1).toInstant(),
                                rs.getTimestamp(2).toInstant()));
                    }
                    return 0;
                })
                .list();
        removals.sort(null);
        long within = removals.stream()
                .filter(d -> d.compareTo(Duration.ofHours(24)) <= 0)
                .count();
        Duration median = removals.isEmpty() ? null : removals.get((removals.size() - 1) / 2);
        return new Figures(urls[0], removals.size(), (int) within, median);
    }

    /** How many notices sent in [{@code from}, {@code to}) there were, and how many the company answered in the portal. */
    public record Acknowledgements(long notices, long acknowledged) {}

    /** Notices sent in [{@code from}, {@code to}) and how many of them got an answer in the portal or API. */
    public Acknowledgements acknowledgements(Instant from, Instant to, @Nullable Long companyId) {
        return jdbc.sql("""
                        SELECT count(*),
                               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM hoster_response r WHERE r.notice_id = x.id))
                        FROM notice x WHERE x.sent_at >= ? AND x.sent_at < ? AND (CAST(? AS bigint) IS NULL OR x.company_id = ?)""")
                .params(Timestamp.from(from), Timestamp.from(to), companyId, companyId)
                .query((rs, n) -> new Acknowledgements(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    /**
     * A URL as notified: to which company, hosted where, when, and why it left the notice if it did.
     *
     * @param closedReason why the URL left the notice before removal (it moved), or null
     */
    public record Notified(
            long urlId,
            String url,
            String company,
            @Nullable String country,
            Instant sentAt,
            @Nullable Instant removedAt,
            @Nullable String closedReason) {}

    /** Every URL of every sent notice, in the order they were sent (the first notice of a URL counts). */
    public List<Notified> notified() {
        return jdbc.sql("""
                        SELECT DISTINCT ON (n.url_id) n.url_id, n.url, x.company, u.hosted_in, x.sent_at, n.removed_at,
                               n.closed_reason
                        FROM notice_url n JOIN notice x ON x.id = n.notice_id
                        LEFT JOIN routed_url u ON u.url_id = n.url_id
                        WHERE x.sent_at IS NOT NULL
                        ORDER BY n.url_id, x.sent_at""")
                .query((rs, i) -> new Notified(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        rs.getString(7)))
                .list();
    }
}

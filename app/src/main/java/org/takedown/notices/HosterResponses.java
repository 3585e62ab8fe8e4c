package org.takedown.notices;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.notices.Notices.HosterResponse;
import org.takedown.notices.Notices.Response;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;

/** Hosting companies' answers about their notified URLs, and the hotline's review of them. Thread-safe. */
@Component
class HosterResponses {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    HosterResponses(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** Answers of hosting companies the hotline has not reviewed. */
    long toReviewCount() {
        return jdbc.sql("SELECT count(*) FROM hoster_response WHERE reviewed_at IS NULL")
                .query(Long.class)
                .single();
    }

    /**
     * Records a hosting company's answer about one of its notified URLs, for the hotline to review; audited.
     *
     * @throws NotFoundException when the URL is not in a notice of that company
     * @throws InvalidRequestException for a dispute without a reason
     */
    void respond(long companyId, long noticeId, long urlId, Response kind, @Nullable String reason) {
        boolean ours = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM notice_url n JOIN notice x ON x.id = n.notice_id
                                       WHERE x.id = ? AND n.url_id = ? AND x.company_id = ?)""")
                .params(noticeId, urlId, companyId)
                .query(Boolean.class)
                .single();
        if (!ours) {
            throw new NotFoundException("no URL " + urlId + " in notice " + noticeId + " of your company");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (kind != Response.REMOVED && why == null) {
            throw InvalidRequestException.because("portal.refused.reason", kind.name());
        }
        String actor = Actors.current();
        jdbc.sql("""
                        INSERT INTO hoster_response (notice_id, url_id, company_id, kind, reason, responded_at,
                                                     responded_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(noticeId, urlId, companyId, kind.name(), why, Timestamp.from(clock.instant()), actor)
                .update();
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("notice", noticeId);
        details.put("response", kind.name());
        if (why != null) {
            details.put("reason", why);
        }
        audit.record(actor, "notice.hoster-response", "url:" + urlId, details);
    }

    /** The answers of hosting companies the hotline has not reviewed yet, oldest first. */
    List<HosterResponse> toReview(int limit) {
        return jdbc.sql("""
                        SELECT r.id, r.notice_id, r.url_id, n.url, x.company, r.kind, r.reason, r.responded_at,
                               r.responded_by
                        FROM hoster_response r JOIN notice x ON x.id = r.notice_id
                        JOIN notice_url n ON n.notice_id = r.notice_id AND n.url_id = r.url_id
                        WHERE r.reviewed_at IS NULL ORDER BY r.responded_at LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new HosterResponse(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getTimestamp(8).toInstant(),
                        rs.getString(9)))
                .list();
    }

    /** The hotline has reviewed an answer (the checks decide about removal; this closes the review). Audited. */
    void reviewed(long responseId) {
        String actor = Actors.current();
        if (jdbc.sql("UPDATE hoster_response SET reviewed_at = ?, reviewed_by = ? WHERE id = ? AND reviewed_at IS NULL")
                        .params(Timestamp.from(clock.instant()), actor, responseId)
                        .update()
                == 0) {
            throw new NotFoundException("no open hoster response " + responseId);
        }
        audit.record(actor, "notice.hoster-response-reviewed", "response:" + responseId, java.util.Map.of());
    }
}

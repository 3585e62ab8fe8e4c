package org.takedown.notices;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Notices to hosting companies: what the online checks report back about their URLs. Thread-safe.
 */
@Service
public class Notices {

    private final JdbcClient jdbc;

    Notices(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /** Records that a notified URL was removed (by the checks' rule), closing it in its open notices. */
    public void urlRemoved(long urlId, Instant removedAt, @Nullable Instant lastOnlineAt) {
        jdbc.sql("""
                        UPDATE notice_url SET removed_at = ?, last_online_at = ?
                        WHERE url_id = ? AND removed_at IS NULL AND closed_at IS NULL""")
                .params(Timestamp.from(removedAt), lastOnlineAt == null ? null : Timestamp.from(lastOnlineAt), urlId)
                .update();
    }
}

package org.takedown.notices.internal;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Closes sent notices with no URL left open (each removed, or let go when it moved), at the moment the last one goes:
 * in the transaction that removed or let go of it, or that sent a notice whose URLs had all gone before. The notice job
 * sweeps for any that two transactions left open between them (each saw the other's URL still open).
 */
final class NoticeClosing {

    /** The condition on a notice {@code x}: none of its URLs is still open. */
    static final String NOTHING_OPEN = "NOT EXISTS (SELECT 1 FROM notice_url n WHERE n.notice_id = x.id"
            + " AND n.removed_at IS NULL AND n.closed_at IS NULL)";

    private NoticeClosing() {}

    /** After a URL was removed or let go: closes its sent notices that have nothing open now; returns how many. */
    static int afterUrl(JdbcClient jdbc, long urlId, Instant now) {
        return jdbc.sql("UPDATE notice x SET state = 'CLOSED', closed_at = ? WHERE state = 'SENT'"
                        + " AND id IN (SELECT notice_id FROM notice_url WHERE url_id = ?) AND " + NOTHING_OPEN)
                .params(Timestamp.from(now), urlId)
                .update();
    }

    /** After a notice was sent: closes it when its URLs had all gone already; returns how many (0 or 1). */
    static int afterSending(JdbcClient jdbc, long noticeId, Instant now) {
        return jdbc.sql("UPDATE notice x SET state = 'CLOSED', closed_at = ? WHERE state = 'SENT' AND id = ? AND "
                        + NOTHING_OPEN)
                .params(Timestamp.from(now), noticeId)
                .update();
    }
}

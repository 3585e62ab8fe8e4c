package org.takedown.notices.internal;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.probing.UrlWentOffline;

/**
 * A URL the checks found gone (by their removal rule) is removed in its open notices, in the transaction that recorded
 * the removal, and a sent notice whose last URL it was is closed. Thread-safe.
 */
@Component
class UrlRemovals {

    private final JdbcClient jdbc;
    private final Clock clock;

    UrlRemovals(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(UrlWentOffline offline) {
        long urlId = offline.urlId().value();
        jdbc.sql("""
                        UPDATE notice_url SET removed_at = ?, last_online_at = ?
                        WHERE url_id = ? AND removed_at IS NULL AND closed_at IS NULL""")
                .params(
                        Timestamp.from(offline.removedAt()),
                        offline.lastOnlineAt() == null ? null : Timestamp.from(offline.lastOnlineAt()),
                        urlId)
                .update();
        NoticeClosing.afterUrl(jdbc, urlId, clock.instant());
    }
}

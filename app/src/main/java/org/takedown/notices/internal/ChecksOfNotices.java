package org.takedown.notices.internal;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.notices.NoticeSent;
import org.takedown.probing.Probes;
import org.takedown.probing.UrlWentOffline;

/**
 * Ties notices to the online checks, in the transaction of each event: a sent notice's URLs are watched from its
 * sending, and a URL the checks found gone (by their removal rule) is removed in its open notices, closing a sent
 * notice whose last URL it was. The checks know nothing of notices. Thread-safe.
 */
@Component
class ChecksOfNotices {

    private final Probes probes;
    private final JdbcClient jdbc;
    private final Clock clock;

    ChecksOfNotices(Probes probes, JdbcClient jdbc, Clock clock) {
        this.probes = probes;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(NoticeSent sent) {
        probes.watch(
                sent.noticeId().value(),
                sent.sentAt(),
                sent.urls().stream()
                        .map(u -> new Probes.Watched(u.urlId(), u.url()))
                        .toList());
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

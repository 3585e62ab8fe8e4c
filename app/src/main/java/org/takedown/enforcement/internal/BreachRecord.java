package org.takedown.enforcement.internal;

import java.sql.Timestamp;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.takedown.notices.NormBreached;

/**
 * The authority's own record of every breach of the 24-hour norm, written in the transaction that finds it (once per
 * URL of a notice), with the checks that prove it. The watch list counts them.
 */
@Component
class BreachRecord {

    private final JdbcTemplate jdbc;

    BreachRecord(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(NormBreached breached) {
        jdbc.batchUpdate(
                """
                INSERT INTO enforcement_breach (notice_id, url_id, url, company_id, company, sent_at, breached_at,
                                                checks, last_online_at, last_result)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                breached.urls().stream()
                        .map(b -> new Object[] {
                            breached.noticeId().value(),
                            b.urlId().value(),
                            b.url(),
                            breached.companyId() == null
                                    ? null
                                    : breached.companyId().value(),
                            breached.company(),
                            Timestamp.from(breached.sentAt()),
                            Timestamp.from(breached.breachedAt()),
                            b.checks(),
                            b.lastOnlineAt() == null ? null : Timestamp.from(b.lastOnlineAt()),
                            b.lastResult()
                        })
                        .toList());
    }
}

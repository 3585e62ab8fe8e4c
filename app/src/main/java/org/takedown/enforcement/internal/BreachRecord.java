package org.takedown.enforcement.internal;

import java.sql.Timestamp;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.takedown.notices.NormBreached;

/**
 * The authority's own record of every breach of the 24-hour norm, written in the transaction that finds it (once per
 * URL of a notice), with the checks that prove it. The watch list counts them, and an open candidate of the provider
 * gets them added to its URLs.
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
        if (breached.companyId() != null && !breached.urls().isEmpty()) {
            // the watch list may have flagged the provider a moment before the notices found these breaches: an open
            // candidate lists every breach of its provider, also the ones recorded after the flag
            jdbc.update(
                    """
                    UPDATE enforcement_candidate c
                    SET url_ids = ARRAY(SELECT DISTINCT u FROM unnest(c.url_ids || CAST(? AS bigint[])) u ORDER BY u)
                    WHERE company_id = ? AND state = 'OPEN'""",
                    breached.urls().stream().map(b -> b.urlId().value()).toArray(Long[]::new),
                    breached.companyId().value());
        }
    }
}

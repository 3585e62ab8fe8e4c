package org.takedown.enforcement.internal;

import java.sql.Timestamp;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.notices.DeadlineMissed;

/**
 * Puts every missed deadline before the officers as a candidate, in the transaction that records the miss (once per
 * notice).
 */
@Component
class CandidateListener {

    private final JdbcClient jdbc;

    CandidateListener(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(DeadlineMissed missed) {
        jdbc.sql("""
                        INSERT INTO enforcement_candidate (notice_id, company_id, company, sent_at, missed_at, url_ids)
                        VALUES (?, ?, ?, ?, ?, CAST(? AS bigint[])) ON CONFLICT (notice_id) DO NOTHING""")
                .params(
                        missed.noticeId().value(),
                        missed.companyId() == null ? null : missed.companyId().value(),
                        missed.company(),
                        Timestamp.from(missed.sentAt()),
                        Timestamp.from(missed.missedAt()),
                        "{"
                                + String.join(
                                        ",",
                                        missed.urlIds().stream()
                                                .map(u -> Long.toString(u.value()))
                                                .toList()) + "}")
                .update();
    }
}

package org.takedown.notices.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.attribution.CompanyId;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.HostingCompany;
import org.takedown.attribution.UrlAttributions;
import org.takedown.intake.UrlId;
import org.takedown.notices.NormBreached;
import org.takedown.notices.NoticeId;
import org.takedown.notices.NoticesProperties;
import org.takedown.probing.Probes;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.jobs.Job;

/**
 * Composes notices from the notice queue: URLs routed to a registered hosting company are collected into its open
 * notice for {@code window} (default 15 minutes); then the notice is queued in the outbox, in the same transaction.
 * Each URL of a sent notice still online when the removal norm has passed (24 hours) is a breach, recorded with
 * what the checks found ({@link NormBreached}); while URLs stay online a reminder goes out every 24 hours; notices
 * whose URLs are all gone or moved are closed. Runs every few seconds;
 * each step is one idempotent transaction. Thread-safe.
 */
@Component
class NoticeComposer implements Job {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final Clock clock;
    private final NoticesProperties properties;
    private final HostingCompanies companies;
    private final UrlAttributions attributions;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Probes probes;

    NoticeComposer(
            JdbcClient jdbc,
            JdbcTemplate batches,
            Clock clock,
            NoticesProperties properties,
            HostingCompanies companies,
            UrlAttributions attributions,
            ApplicationEventPublisher events,
            AuditLog audit,
            TransactionTemplate transactions,
            Probes probes) {
        this.transactions = transactions;
        this.probes = probes;
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
        this.properties = properties;
        this.companies = companies;
        this.attributions = attributions;
        this.events = events;
        this.audit = audit;
    }

    @Scheduled(fixedDelayString = "${takedown.notices.compose-interval:5s}")
    void compose() {
        runOnce();
    }

    @Override
    public String name() {
        return "notices";
    }

    @Override
    public int runOnce() {
        Integer done = transactions.execute(status -> {
            Instant now = clock.instant();
            return collect(now) + queueDue(now) + breaches(now) + remind(now) + close(now);
        });
        return done == null ? 0 : done;
    }

    @Override
    public java.time.@org.jspecify.annotations.Nullable Instant nextDue() {
        return jdbc.sql("""
                        SELECT min(t) FROM (
                            SELECT min(send_after) AS t FROM notice WHERE state = 'COLLECTING'
                            UNION ALL SELECT min(COALESCE(reminded_at, sent_at)) + CAST(? AS interval) FROM notice
                                      WHERE state = 'SENT'
                            UNION ALL SELECT min(sent_at) + CAST(? AS interval) FROM notice
                                      WHERE state = 'SENT' AND norm_breached_at IS NULL
                            UNION ALL SELECT min(opened_at) FROM route
                                      WHERE queue = 'NOTICE' AND closed_at IS NULL AND notice_id IS NULL
                                        AND company_id IS NOT NULL) due""")
                .params(
                        properties.remindEvery().toSeconds() + " seconds",
                        properties.norm().toSeconds() + " seconds")
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
    }

    private record Waiting(long routeId, long urlId, String url, long companyId) {}

    /** Puts newly routed URLs into their company's collecting notice (opened when the first one arrives). */
    int collect(Instant now) {
        List<Waiting> waiting = jdbc.sql("""
                        SELECT r.id, r.url_id, COALESCE(u.url, u.host), r.company_id FROM route r
                        JOIN routed_url u ON u.url_id = r.url_id
                        WHERE r.queue = 'NOTICE' AND r.closed_at IS NULL AND r.notice_id IS NULL
                          AND r.company_id IS NOT NULL
                        ORDER BY r.opened_at LIMIT 10000 FOR UPDATE OF r SKIP LOCKED""")
                .query((rs, n) -> new Waiting(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4)))
                .list();
        Map<Long, List<Waiting>> byCompany = new LinkedHashMap<>();
        for (Waiting w : waiting) {
            byCompany
                    .computeIfAbsent(w.companyId(), k -> new java.util.ArrayList<>())
                    .add(w);
        }
        Timestamp at = Timestamp.from(now);
        byCompany.forEach((companyId, urls) -> {
            long notice = jdbc.sql("SELECT id FROM notice WHERE company_id = ? AND state = 'COLLECTING'"
                            + " ORDER BY id LIMIT 1 FOR UPDATE")
                    .param(companyId)
                    .query(Long.class)
                    .optional()
                    .orElseGet(() -> open(companyId, now));
            batches.batchUpdate(
                    "INSERT INTO notice_url (notice_id, url_id, url, added_at) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    urls.stream()
                            .map(w -> new Object[] {notice, w.urlId(), w.url(), at})
                            .toList());
            batches.batchUpdate(
                    "UPDATE route SET notice_id = ? WHERE id = ?",
                    urls.stream().map(w -> new Object[] {notice, w.routeId()}).toList());
        });
        return waiting.size();
    }

    private long open(long companyId, Instant now) {
        HostingCompany company = companies.get(companyId);
        return jdbc.sql("""
                        INSERT INTO notice (company_id, company, abuse_contact, channel, state, opened_at, send_after)
                        VALUES (?, ?, ?, ?, 'COLLECTING', ?, ?) RETURNING id""")
                .params(
                        companyId,
                        company.name(),
                        company.abuseEmail(),
                        company.noticeChannel().name(),
                        Timestamp.from(now),
                        Timestamp.from(now.plus(properties.window())))
                .query(Long.class)
                .single();
    }

    /** Queues the notices whose window is over in the outbox. */
    int queueDue(Instant now) {
        List<Long> due = jdbc.sql("SELECT id FROM notice WHERE state = 'COLLECTING' AND send_after <= ?"
                        + " ORDER BY id FOR UPDATE SKIP LOCKED")
                .param(Timestamp.from(now))
                .query(Long.class)
                .list();
        for (long id : due) {
            jdbc.sql("UPDATE notice SET state = 'QUEUED' WHERE id = ?")
                    .param(id)
                    .update();
            enqueue(id, "NOTICE", now);
        }
        return due.size();
    }

    /**
     * Sent notices with URLs still online {@code remindEvery} after the notice or their last reminder: a reminder,
     * numbered, listing the URLs still online (its own Message-ID, so each is sent once).
     */
    int remind(Instant now) {
        record Due(long id, int reminders) {}
        List<Due> due = jdbc.sql("""
                        SELECT id, reminders FROM notice x WHERE state = 'SENT' AND COALESCE(reminded_at, sent_at) <= ?
                          AND EXISTS (SELECT 1 FROM notice_url n WHERE n.notice_id = x.id
                                      AND n.removed_at IS NULL AND n.closed_at IS NULL)
                        FOR UPDATE SKIP LOCKED""")
                .param(Timestamp.from(now.minus(properties.remindEvery())))
                .query((rs, n) -> new Due(rs.getLong(1), rs.getInt(2)))
                .list();
        for (Due notice : due) {
            int number = notice.reminders() + 1;
            jdbc.sql("UPDATE notice SET reminded_at = ?, reminders = ? WHERE id = ?")
                    .params(Timestamp.from(now), number, notice.id())
                    .update();
            enqueue(notice.id(), "REMINDER", number == 1 ? "-reminder" : "-reminder-" + number, now);
            // content still online a day later may have moved: attribute it again (a move re-routes the URL)
            jdbc.sql("SELECT url_id FROM notice_url WHERE notice_id = ? AND removed_at IS NULL AND closed_at IS NULL")
                    .param(notice.id())
                    .query(Long.class)
                    .list()
                    .forEach(attributions::checkAgain);
        }
        return due.size();
    }

    /**
     * Sent notices with URLs still online when the norm has passed: each such URL is a breach, recorded once with the
     * checks that prove it, audited, and published as {@link NormBreached}.
     */
    int breaches(Instant now) {
        record Due(
                long id, @org.jspecify.annotations.Nullable Long companyId, String company, Instant sentAt) {}
        List<Due> due = jdbc.sql("""
                        SELECT id, company_id, company, sent_at FROM notice x
                        WHERE state = 'SENT' AND norm_breached_at IS NULL AND sent_at <= ?
                        FOR UPDATE SKIP LOCKED""")
                .param(Timestamp.from(now.minus(properties.norm())))
                .query((rs, n) -> new Due(
                        rs.getLong(1),
                        (Long) rs.getObject(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
        for (Due notice : due) {
            jdbc.sql("UPDATE notice SET norm_breached_at = ? WHERE id = ?")
                    .params(Timestamp.from(now), notice.id())
                    .update();
            List<NormBreached.Breach> online = stillOnline(notice.id());
            if (online.isEmpty()) {
                continue;
            }
            batches.batchUpdate(
                    """
                    INSERT INTO notice_breach (notice_id, url_id, url, company_id, sent_at, breached_at, checks,
                                               last_online_at, last_result)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    online.stream()
                            .map(b -> new Object[] {
                                notice.id(),
                                b.urlId().value(),
                                b.url(),
                                notice.companyId(),
                                Timestamp.from(notice.sentAt()),
                                Timestamp.from(now),
                                b.checks(),
                                b.lastOnlineAt() == null ? null : Timestamp.from(b.lastOnlineAt()),
                                b.lastResult()
                            })
                            .toList());
            audit.record(
                    "system:notices",
                    "notice.norm-breached",
                    "notice:" + notice.id(),
                    Map.of("company", notice.company(), "stillOnline", online.size()));
            events.publishEvent(new NormBreached(
                    new NoticeId(notice.id()),
                    notice.companyId() == null ? null : new CompanyId(notice.companyId()),
                    notice.company(),
                    notice.sentAt(),
                    now,
                    online));
        }
        return due.size();
    }

    /** The URLs of a notice still online, each with what its checks found. */
    private List<NormBreached.Breach> stillOnline(long noticeId) {
        record Online(long urlId, String url) {}
        List<Online> online = jdbc.sql("SELECT url_id, url FROM notice_url WHERE notice_id = ? AND removed_at IS NULL"
                        + " AND closed_at IS NULL ORDER BY url_id")
                .param(noticeId)
                .query((rs, n) -> new Online(rs.getLong(1), rs.getString(2)))
                .list();
        // one query for the whole notice, which may hold thousands of URLs
        var statuses =
                probes.statuses(online.stream().map(u -> new UrlId(u.urlId())).toList());
        return online.stream()
                .map(u -> {
                    UrlId id = new UrlId(u.urlId());
                    Probes.Status s = statuses.get(u.urlId());
                    return s == null
                            ? new NormBreached.Breach(id, u.url(), 0, null, null)
                            : new NormBreached.Breach(id, u.url(), s.checks(), s.lastOnlineAt(), s.lastResult());
                })
                .toList();
    }

    /**
     * Sent notices with no URL left online are closed (as a rule when their last URL goes, see {@link NoticeClosing};
     * this sweep catches what concurrent transactions left).
     */
    int close(Instant now) {
        return jdbc.sql("UPDATE notice x SET state = 'CLOSED', closed_at = ? WHERE state = 'SENT' AND "
                        + NoticeClosing.NOTHING_OPEN)
                .param(Timestamp.from(now))
                .update();
    }

    private void enqueue(long noticeId, String kind, Instant now) {
        enqueue(noticeId, kind, "", now);
    }

    private void enqueue(long noticeId, String kind, String idSuffix, Instant now) {
        jdbc.sql("""
                        INSERT INTO notice_outbox (notice_id, kind, message_id, created_at, next_attempt_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING""")
                .params(
                        noticeId,
                        kind,
                        "<notice-" + noticeId + idSuffix + "@"
                                + properties.hotline().domain() + ">",
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }
}

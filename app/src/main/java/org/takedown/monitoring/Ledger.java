package org.takedown.monitoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.attribution.UrlAttributed;
import org.takedown.notices.NoticeSent;
import org.takedown.probing.UrlWentOffline;
import org.takedown.triage.Assessment;
import org.takedown.triage.UrlAssessed;

/**
 * The monitor's record of each URL, kept from the chain's events in the transactions that publish them (so it never
 * misses one and never runs ahead): assessed (illegal or not), attributed (host, address, company, country; a notified
 * URL that turns up abroad has moved abroad after the notice), notified (the first notice counts), and removed (the
 * removal time the checks established). Every change moves {@link #version()}, which the figures cache compares.
 * Thread-safe.
 */
@Component
class Ledger {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final Clock clock;
    private final AtomicLong version = new AtomicLong();

    Ledger(JdbcClient jdbc, JdbcTemplate batches, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
    }

    /** Moves on whenever the monitor's data changed in this instance. */
    public long version() {
        return version.get();
    }

    @EventListener
    void on(UrlAssessed assessed) {
        boolean illegal = assessed.assessment() == Assessment.BASELINE || assessed.assessment() == Assessment.NATIONAL;
        jdbc.sql("""
                        INSERT INTO monitor_url (url_id, url, host, illegal, assessed_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (url_id) DO UPDATE SET url = EXCLUDED.url, illegal = EXCLUDED.illegal,
                            assessed_at = coalesce(monitor_url.assessed_at, EXCLUDED.assessed_at)""")
                .params(
                        assessed.urlId().value(),
                        assessed.normalized(),
                        assessed.host(),
                        illegal,
                        Timestamp.from(clock.instant()))
                .update();
        version.incrementAndGet();
    }

    @EventListener
    void on(UrlAttributed attributed) {
        String ip = attributed.ips().isEmpty() ? null : attributed.ips().getFirst();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        INSERT INTO monitor_url (url_id, host, ip, hosted_in, company_id, company)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (url_id) DO UPDATE SET ip = coalesce(EXCLUDED.ip, monitor_url.ip),
                            hosted_in = coalesce(EXCLUDED.hosted_in, monitor_url.hosted_in),
                            company_id = EXCLUDED.company_id, company = EXCLUDED.company,
                            moved_abroad_at = CASE
                                WHEN monitor_url.notified_at IS NOT NULL AND monitor_url.removed_at IS NULL
                                     AND monitor_url.moved_abroad_at IS NULL
                                     AND EXCLUDED.hosted_in IS NOT NULL AND EXCLUDED.hosted_in <> 'NL'
                                THEN CAST(? AS timestamptz) ELSE monitor_url.moved_abroad_at END""")
                .params(
                        attributed.urlId().value(),
                        attributed.host(),
                        ip,
                        attributed.hostedIn(),
                        attributed.hostingCompanyId() == null
                                ? null
                                : attributed.hostingCompanyId().value(),
                        attributed.hostingCompany(),
                        now)
                .update();
        version.incrementAndGet();
    }

    @EventListener
    void on(NoticeSent sent) {
        List<Object[]> rows = new ArrayList<>(sent.urls().size());
        for (NoticeSent.NoticedUrl url : sent.urls()) {
            rows.add(new Object[] {
                url.urlId().value(),
                url.url(),
                hostOf(url.url()),
                Timestamp.from(sent.sentAt()),
                sent.noticeId().value(),
                sent.companyId() == null ? null : sent.companyId().value(),
                sent.company()
            });
        }
        batches.batchUpdate("""
                INSERT INTO monitor_url (url_id, url, host, illegal, notified_at, notice_id, notified_company_id,
                                         notified_company, notified_country)
                VALUES (?, ?, ?, TRUE, ?, ?, ?, ?, 'NL')
                ON CONFLICT (url_id) DO UPDATE SET url = coalesce(monitor_url.url, EXCLUDED.url),
                    notified_at = coalesce(monitor_url.notified_at, EXCLUDED.notified_at),
                    notice_id = coalesce(monitor_url.notice_id, EXCLUDED.notice_id),
                    notified_company_id = coalesce(monitor_url.notified_company_id, EXCLUDED.notified_company_id),
                    notified_company = coalesce(monitor_url.notified_company, EXCLUDED.notified_company),
                    notified_country = coalesce(monitor_url.notified_country, monitor_url.hosted_in, 'NL')""", rows);
        version.incrementAndGet();
    }

    @EventListener
    void on(UrlWentOffline offline) {
        jdbc.sql("""
                        UPDATE monitor_url SET removed_at = ?, last_online_at = ?, removed_how = ?
                        WHERE url_id = ? AND removed_at IS NULL""")
                .params(
                        Timestamp.from(offline.removedAt()),
                        offline.lastOnlineAt() == null ? null : Timestamp.from(offline.lastOnlineAt()),
                        offline.how().name(),
                        offline.urlId().value())
                .update();
        version.incrementAndGet();
    }

    private static String hostOf(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? "" : host;
        } catch (IllegalArgumentException e) {
            return ""; // normalised URLs always parse; the host is filled in by attribution anyway
        }
    }
}

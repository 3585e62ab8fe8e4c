package org.takedown.attribution.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.attribution.Attribution;
import org.takedown.attribution.HostResolver;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.UrlAttributed;
import org.takedown.intake.CaseFacts;
import org.takedown.intake.UrlReported;

/**
 * Attributes every newly reported URL: resolves its host (A and AAAA) and stores, per IP, the network, hosting
 * company and country. The work is a queue of rows: a new URL is queued in the transaction that takes its report
 * (so a report of 10 000 URLs costs 10 000 small inserts, not 10 000 concurrent look-ups), and every second a worker
 * claims due rows with SKIP LOCKED, so several instances share them. A host that does not resolve is tried again
 * after 1, 5, 30 minutes, then 2 and 12 hours, up to 10 times, and stays visible as unresolved meanwhile. Each
 * check is stored, noted on the case for the workbench and published as {@link UrlAttributed}.
 * Thread-safe.
 */
@Component
class UrlAttributor {

    static final List<Duration> BACKOFF = List.of(
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(12));
    static final int MAX_ATTEMPTS = 10;

    private final HostResolver resolver;
    private final HostingCompanies companies;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final CaseFacts facts;
    private final ApplicationEventPublisher events;

    UrlAttributor(
            HostResolver resolver,
            HostingCompanies companies,
            JdbcClient jdbc,
            Clock clock,
            TransactionTemplate transactions,
            CaseFacts facts,
            ApplicationEventPublisher events) {
        this.facts = facts;
        this.events = events;
        this.resolver = resolver;
        this.companies = companies;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Queues a new URL, in the reporting transaction. */
    @EventListener
    void on(UrlReported reported) {
        if (reported.firstReport()) {
            jdbc.sql("""
                            INSERT INTO url_attribution_pending (url_id, host, attempts, next_attempt_at, last_error)
                            VALUES (?, ?, 0, ?, '') ON CONFLICT (url_id) DO NOTHING""")
                    .params(reported.urlId(), reported.host(), Timestamp.from(clock.instant()))
                    .update();
        }
    }

    /** Attributes the queued URLs that are due: new ones, and unresolved ones whose pause is over. */
    @Scheduled(fixedDelayString = "${takedown.attribution.work-interval:1s}")
    void retry() {
        transactions.executeWithoutResult(status -> jdbc.sql("""
                        SELECT url_id, host, attempts FROM url_attribution_pending
                        WHERE next_attempt_at <= ? AND attempts < ? ORDER BY next_attempt_at LIMIT 200
                        FOR UPDATE SKIP LOCKED""")
                .params(Timestamp.from(clock.instant()), MAX_ATTEMPTS)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getInt(3)})
                .list()
                .forEach(row -> attribute((Long) row[0], (String) row[1], (Integer) row[2])));
    }

    void attribute(long urlId, String host, int attemptsSoFar) {
        Instant now = clock.instant();
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
            if (addresses.isEmpty()) {
                throw new UnknownHostException(host + ": no A or AAAA records");
            }
        } catch (UnknownHostException | RuntimeException e) {
            int attempts = attemptsSoFar + 1;
            Duration pause = BACKOFF.get(Math.min(attempts - 1, BACKOFF.size() - 1));
            jdbc.sql("""
                            INSERT INTO url_attribution_pending (url_id, host, attempts, next_attempt_at, last_error)
                            VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT (url_id) DO UPDATE SET attempts = EXCLUDED.attempts,
                                next_attempt_at = EXCLUDED.next_attempt_at, last_error = EXCLUDED.last_error""")
                    .params(
                            urlId,
                            host,
                            attempts,
                            Timestamp.from(now.plus(pause)),
                            e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    .update();
            facts.recordHostingProblem(
                    urlId, "host did not resolve (" + attempts + " attempt(s)); next try " + now.plus(pause));
            return;
        }
        Summary before = latest(urlId);
        List<Attribution> found = new ArrayList<>(addresses.size());
        for (InetAddress address : addresses) {
            found.add(companies.attribute(host, address));
        }
        for (Attribution attribution : found) {
            store(urlId, host, now, attribution);
        }
        jdbc.sql("DELETE FROM url_attribution_pending WHERE url_id = ?")
                .param(urlId)
                .update();
        Attribution primary =
                found.stream().filter(Attribution::inNetherlands).findFirst().orElse(found.getFirst());
        String company = primary.hostingCompany() != null
                ? primary.hostingCompany()
                : primary.network().asnOrg();
        List<String> ips = found.stream().map(a -> a.network().ip()).toList();
        facts.recordHosting(urlId, company, primary.hostedIn(), ips);
        boolean moved = before == null
                || !Objects.equals(before.companyId(), primary.hostingCompanyId())
                || !Objects.equals(before.country(), primary.hostedIn());
        events.publishEvent(new UrlAttributed(
                urlId,
                host,
                primary.hostingCompanyId(),
                company,
                primary.abuseContact(),
                primary.hostedIn(),
                ips,
                moved));
    }

    /** The company and country a URL's last check summed up to, or null before its first check. */
    private @Nullable Summary latest(long urlId) {
        List<Summary> rows = jdbc.sql("""
                        SELECT company_id, hosted_in FROM url_attribution
                        WHERE url_id = ? AND checked_at = (SELECT max(checked_at) FROM url_attribution WHERE url_id = ?)
                        ORDER BY (hosted_in = 'NL') DESC NULLS LAST, id""")
                .params(urlId, urlId)
                .query((rs, n) -> new Summary((Long) rs.getObject(1), rs.getString(2)))
                .list();
        return rows.isEmpty() ? null : rows.getFirst();
    }

    private record Summary(
            @Nullable Long companyId, @Nullable String country) {}

    private void store(long urlId, String host, Instant now, Attribution found) {
        jdbc.sql("""
                            INSERT INTO url_attribution (url_id, host, checked_at, ip, ip_range, asn, asn_org,
                                                         network_country, company_id, matched_by, hosted_in)
                            VALUES (?, ?, ?, CAST(? AS inet), ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        urlId,
                        host,
                        Timestamp.from(now),
                        found.network().ip(),
                        found.network().range(),
                        found.network().asn() == 0 ? null : found.network().asn(),
                        found.network().asnOrg(),
                        found.network().country(),
                        found.hostingCompanyId(),
                        found.matchedBy(),
                        found.hostedIn())
                .update();
    }
}

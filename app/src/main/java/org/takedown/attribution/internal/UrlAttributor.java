package org.takedown.attribution.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.attribution.Attribution;
import org.takedown.attribution.CompanyId;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.UrlAttributed;
import org.takedown.attribution.UrlUnresolved;
import org.takedown.intake.UrlId;
import org.takedown.intake.UrlReported;
import org.takedown.shared.jobs.Job;
import org.takedown.shared.net.HostResolver;
import org.takedown.shared.net.TimedResolver;

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
class UrlAttributor implements Job {

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
    private final JdbcTemplate batches;
    private final ApplicationEventPublisher events;
    private final Duration dnsTimeout;

    UrlAttributor(
            HostResolver resolver,
            HostingCompanies companies,
            JdbcClient jdbc,
            Clock clock,
            TransactionTemplate transactions,
            JdbcTemplate batches,
            ApplicationEventPublisher events,
            MeterRegistry meters,
            ResolverConfiguration.ResolverProperties resolverProperties) {
        this.dnsTimeout = resolverProperties.dnsTimeout();
        this.batches = batches;
        Gauge.builder(
                        "takedown.attribution.pending",
                        () -> jdbc.sql("SELECT count(*) FROM url_attribution_pending WHERE attempts = 0")
                                .query(Long.class)
                                .single())
                .description("Reported URLs waiting for their first attribution")
                .register(meters);
        Gauge.builder(
                        "takedown.attribution.unresolved",
                        () -> jdbc.sql("SELECT count(*) FROM url_attribution_pending WHERE attempts > 0")
                                .query(Long.class)
                                .single())
                .description("Reported URLs whose host did not resolve yet (retried with back-off)")
                .register(meters);
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
                    .params(reported.urlId().value(), reported.host(), Timestamp.from(clock.instant()))
                    .update();
        }
    }

    /**
     * Attributes the queued URLs that are due (new ones, and unresolved ones whose pause is over), a batch per
     * transaction, until none is left.
     */
    @Scheduled(fixedDelayString = "${takedown.attribution.work-interval:1s}")
    void retry() {
        runOnce();
    }

    @Override
    public String name() {
        return "attribution";
    }

    @Override
    public int runOnce() {
        return Job.inBatches(this::batch, BATCH);
    }

    static final int BATCH = 500;

    private record Due(long urlId, String host, int attempts) {}

    /** One URL's attribution, ready to be written with the rest of its batch. */
    private record Found(long urlId, String host, List<Attribution> attributions) {}

    @Override
    public @Nullable Instant nextDue() {
        return jdbc.sql("SELECT min(next_attempt_at) FROM url_attribution_pending WHERE attempts < ?")
                .param(MAX_ATTEMPTS)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
    }

    /** How long a claimed URL stays with the instance that claimed it (its look-ups run outside a transaction). */
    static final Duration LEASE = Duration.ofMinutes(2);

    /** Host names looked up at the same time. */
    static final int PARALLEL_LOOKUPS = 32;

    private int batch() {
        // claimed in one short statement; the look-ups happen outside any transaction, so a slow name server
        // holds no database connection or lock, and a crash only delays the URLs by the lease
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("""
                        UPDATE url_attribution_pending SET next_attempt_at = ?
                        WHERE url_id IN (SELECT url_id FROM url_attribution_pending
                                         WHERE next_attempt_at <= ? AND attempts < ? ORDER BY next_attempt_at
                                         LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING url_id, host, attempts""")
                .params(Timestamp.from(now.plus(LEASE)), Timestamp.from(now), MAX_ATTEMPTS, BATCH)
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                .list();
        if (!due.isEmpty()) {
            attribute(due);
        }
        return due.size();
    }

    /** Attributes one URL now (its batch of one). */
    void attribute(long urlId, String host, int attemptsSoFar) {
        attribute(List.of(new Due(urlId, host, attemptsSoFar)));
    }

    /** A host's addresses, or why it has none. */
    private record Lookup(
            Due url, List<InetAddress> addresses, @Nullable Exception error) {}

    /** Looks up every host at once (at most {@value #PARALLEL_LOOKUPS} at a time), each within the DNS timeout. */
    private List<Lookup> lookUp(List<Due> due) {
        java.util.concurrent.Semaphore parallel = new java.util.concurrent.Semaphore(PARALLEL_LOOKUPS);
        List<java.util.concurrent.Future<Lookup>> running = new ArrayList<>(due.size());
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (Due url : due) {
                running.add(threads.submit(() -> {
                    parallel.acquire();
                    try {
                        List<InetAddress> addresses = TimedResolver.resolve(resolver::resolve, url.host(), dnsTimeout);
                        if (addresses.isEmpty()) {
                            throw new UnknownHostException(url.host() + ": no A or AAAA records");
                        }
                        return new Lookup(url, addresses, null);
                    } catch (UnknownHostException | RuntimeException e) {
                        return new Lookup(url, List.of(), e);
                    } finally {
                        parallel.release();
                    }
                }));
            }
        }
        List<Lookup> lookups = new ArrayList<>(due.size());
        for (var future : running) {
            lookups.add(future.resultNow());
        }
        return lookups;
    }

    private void attribute(List<Due> due) {
        List<Lookup> lookups = lookUp(due);
        transactions.executeWithoutResult(status -> record(lookups));
    }

    private void record(List<Lookup> lookups) {
        Instant now = clock.instant();
        List<Found> found = traced(lookups, now);
        if (found.isEmpty()) {
            return;
        }
        Map<Long, Summary> before = latest(found);
        List<Object[]> rows = new ArrayList<>(found.size() * 2);
        for (Found url : found) {
            for (Attribution a : url.attributions()) {
                rows.add(new Object[] {
                    url.urlId(),
                    url.host(),
                    Timestamp.from(now),
                    a.network().ip(),
                    a.network().range(),
                    a.network().asn() == 0 ? null : a.network().asn(),
                    a.network().asnOrg(),
                    a.network().country(),
                    a.hostingCompanyId(),
                    a.matchedBy(),
                    a.hostedIn()
                });
            }
        }
        batches.batchUpdate("""
                INSERT INTO url_attribution (url_id, host, checked_at, ip, ip_range, asn, asn_org, network_country,
                                             company_id, matched_by, hosted_in)
                VALUES (?, ?, ?, CAST(? AS inet), ?, ?, ?, ?, ?, ?, ?)""", rows);
        jdbc.sql("DELETE FROM url_attribution_pending WHERE url_id = ANY(?)")
                .param(found.stream().mapToLong(Found::urlId).boxed().toArray(Long[]::new))
                .update();
        for (Found url : found) {
            events.publishEvent(attributed(url, before.get(url.urlId())));
        }
    }

    /** Each resolved URL's addresses traced to networks and companies; the rest are noted for a retry. */
    private List<Found> traced(List<Lookup> lookups, Instant now) {
        List<Found> found = new ArrayList<>(lookups.size());
        for (Lookup lookup : lookups) {
            Due url = lookup.url();
            try {
                if (lookup.error() != null) {
                    throw lookup.error();
                }
                List<Attribution> attributions =
                        new ArrayList<>(lookup.addresses().size());
                for (InetAddress address : lookup.addresses()) {
                    attributions.add(companies.attribute(url.host(), address));
                }
                found.add(new Found(url.urlId(), url.host(), attributions));
            } catch (Exception e) {
                unresolved(url, now, e);
            }
        }
        return found;
    }

    /**
     * A URL's hosting summed up by one company and country: the first address hosted in the Netherlands, else the
     * first; moved when that differs from the check before.
     */
    private static UrlAttributed attributed(Found url, @Nullable Summary previous) {
        Attribution primary = url.attributions().stream()
                .filter(Attribution::inNetherlands)
                .findFirst()
                .orElse(url.attributions().getFirst());
        String company = primary.hostingCompany() != null
                ? primary.hostingCompany()
                : primary.network().asnOrg();
        boolean moved = previous == null
                || !Objects.equals(previous.companyId(), primary.hostingCompanyId())
                || !Objects.equals(previous.country(), primary.hostedIn());
        return new UrlAttributed(
                new UrlId(url.urlId()),
                url.host(),
                primary.hostingCompanyId() == null ? null : new CompanyId(primary.hostingCompanyId()),
                company,
                primary.abuseContact(),
                primary.hostedIn(),
                url.attributions().stream().map(a -> a.network().ip()).toList(),
                moved);
    }

    private void unresolved(Due url, Instant now, Exception e) {
        int attempts = url.attempts() + 1;
        Duration pause = BACKOFF.get(Math.min(attempts - 1, BACKOFF.size() - 1));
        jdbc.sql("""
                        INSERT INTO url_attribution_pending (url_id, host, attempts, next_attempt_at, last_error)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (url_id) DO UPDATE SET attempts = EXCLUDED.attempts,
                            next_attempt_at = EXCLUDED.next_attempt_at, last_error = EXCLUDED.last_error""")
                .params(
                        url.urlId(),
                        url.host(),
                        attempts,
                        Timestamp.from(now.plus(pause)),
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                .update();
        events.publishEvent(new UrlUnresolved(new UrlId(url.urlId()), url.host(), attempts, now.plus(pause)));
    }

    /** The company and country each URL's last check summed up to; absent before its first check. */
    private Map<Long, Summary> latest(List<Found> urls) {
        Map<Long, Summary> latest = new HashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (url_id) url_id, company_id, hosted_in FROM url_attribution a
                        WHERE url_id = ANY(?)
                          AND checked_at = (SELECT max(checked_at) FROM url_attribution b WHERE b.url_id = a.url_id)
                        ORDER BY url_id, (hosted_in = 'NL') DESC NULLS LAST, id""")
                .param(urls.stream().mapToLong(Found::urlId).boxed().toArray(Long[]::new))
                .query((rs, n) -> latest.put(rs.getLong(1), new Summary((Long) rs.getObject(2), rs.getString(3))))
                .list();
        return latest;
    }

    private record Summary(
            @Nullable Long companyId, @Nullable String country) {}
}

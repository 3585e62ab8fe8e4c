package org.takedown.probing.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.intake.UrlId;
import org.takedown.matching.Images;
import org.takedown.probing.CheckResult;
import org.takedown.probing.ProbingProperties;
import org.takedown.probing.UrlWentOffline;
import org.takedown.shared.jobs.Job;

/**
 * Checks every notified URL until it is gone: from the moment its notice is sent, every 15 minutes for 72 hours, then
 * every 6 hours up to 30 days (configurable); after a check that did not find it online, again after 5 minutes until
 * the removal rule settles. Due URLs are leased with SKIP LOCKED for a short time ({@code takedown.probing.lease}, 2
 * minutes), renewed every second while their checks run (so instances share the work, a check that takes long keeps
 * its URL, and a crashed instance's URLs are checked by another within the lease). They are checked on virtual threads
 * ({@code concurrency} at a time, at most {@code maxPerHost} per host) and their results written in one batch, in
 * the order of their URL ids (one lock order for every writer, so two writers recording the same URL never
 * deadlock). One run at a time per process: the demo's warm-up runs this job while the server's schedule does too. A
 * removal is published as {@link UrlWentOffline} and reported to the notices. Thread-safe.
 */
@Component
class Prober implements Job {

    static final int BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(Prober.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Checker checker;
    private final CheckSchedule schedule;
    private final ApplicationEventPublisher events;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final Duration patience;
    private final Duration lease;

    /** The URLs this instance leased whose checks are not recorded yet: their leases are renewed. */
    private final java.util.Set<Long> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final java.util.Queue<Checked> finished = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.locks.ReentrantLock running = new java.util.concurrent.locks.ReentrantLock();

    Prober(
            JdbcClient jdbc,
            JdbcTemplate batches,
            TransactionTemplate transactions,
            Clock clock,
            SafeFetcher fetcher,
            ProbingProperties properties,
            ApplicationEventPublisher events,
            Images images,
            @org.springframework.beans.factory.annotation.Value("${takedown.probing.patience:25ms}")
                    Duration patience) {
        // how long a batch waits for its slowest checks before it records the rest and moves on (the simulation
        // waits for all, so its clock never runs ahead of a check)
        this.patience = patience;
        this.jdbc = jdbc;
        this.batches = batches;
        this.transactions = transactions;
        this.clock = clock;
        this.checker = new Checker(fetcher, images);
        this.schedule = new CheckSchedule(properties.schedule());
        this.events = events;
        this.slots = new Semaphore(properties.schedule().concurrency());
        this.lease = properties.lease();
    }

    /** A leased URL with what its checks so far established. */
    record Target(
            long urlId,
            String url,
            @Nullable Long noticeId,
            Instant notifiedAt,
            Checker.@Nullable Fingerprint fingerprint,
            RemovalRule rule,
            @Nullable Instant closeWatchUntil) {}

    /** A target after one check. */
    record Checked(Target target, Instant at, Checker.Verdict verdict) {}

    /** Checks every due URL, a batch at a time, until none is due. */
    @Scheduled(fixedDelayString = "${takedown.probing.work-interval:1s}")
    void work() {
        runOnce();
    }

    @Override
    public String name() {
        return "checks";
    }

    @Override
    public int runOnce() {
        running.lock();
        try {
            recordFinished(); // stragglers of earlier batches, counted there
            return Job.inBatches(this::batch, BATCH);
        } finally {
            running.unlock();
        }
    }

    @Override
    public boolean runsAlongside() {
        return true;
    }

    @Override
    public boolean handsOnWorkOnlyByEvents() {
        return true; // a removal is published as UrlWentOffline; the rest stays in probing's tables
    }

    @Override
    public @Nullable Instant nextDue() {
        return jdbc.sql("SELECT min(next_check_at) FROM probe_target WHERE state = 'WATCHING'")
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
    }

    int batch() {
        List<Target> due = lease();
        if (due.isEmpty()) {
            return 0;
        }
        java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(due.size());
        for (Target target : due) {
            threads.submit(() -> {
                try {
                    slots.acquire();
                    try {
                        Instant at = clock.instant();
                        finished.add(new Checked(target, at, checker.check(target.url(), target.fingerprint())));
                    } finally {
                        slots.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    inFlight.remove(target.urlId()); // its lease runs out, and the URL is checked again
                    log.warn("a check of {} failed", target.url(), e);
                } finally {
                    all.countDown();
                }
            });
        }
        try {
            // a stalled server must not hold up every other check: stragglers are recorded when they finish
            all.await(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recordFinished();
        return due.size();
    }

    /** Records the checks that finished since the last time; returns how many. */
    private int recordFinished() {
        List<Checked> checked = new ArrayList<>();
        for (Checked c; (c = finished.poll()) != null; ) {
            checked.add(c);
        }
        record(checked);
        return checked.size();
    }

    /** Writes the results of {@code checked} in one transaction, row locks taken in the order of the URL ids. */
    void record(List<Checked> checked) {
        if (checked.isEmpty()) {
            return;
        }
        List<Checked> inLockOrder = new ArrayList<>(checked);
        // a URL checked twice (its lease ran out during a check) ends with its later check
        inLockOrder.sort(
                java.util.Comparator.comparingLong((Checked c) -> c.target().urlId())
                        .thenComparing(Checked::at));
        try {
            transactions.executeWithoutResult(status -> write(inLockOrder));
        } finally {
            // recorded, or lost with the transaction: either way the lease is no longer this instance's to renew
            for (Checked c : checked) {
                inFlight.remove(c.target().urlId());
            }
        }
    }

    /** The heartbeat of this instance's running checks. */
    @Scheduled(fixedDelayString = "${takedown.probing.lease-renewal:1s}")
    void heartbeat() {
        renewLeases();
    }

    /**
     * Extends the lease of every URL whose check is still running here, unless its lease ran out already (another
     * instance may have taken it). Returns how many leases were extended.
     */
    int renewLeases() {
        if (inFlight.isEmpty()) {
            return 0;
        }
        Long[] ids = inFlight.toArray(Long[]::new);
        Instant now = clock.instant();
        return batches.update(
                "UPDATE probe_target SET leased_until = ? WHERE url_id = ANY(?) AND leased_until >= ?", ps -> {
                    ps.setTimestamp(1, Timestamp.from(now.plus(lease)));
                    ps.setArray(2, ps.getConnection().createArrayOf("bigint", ids));
                    ps.setTimestamp(3, Timestamp.from(now));
                });
    }

    private List<Target> lease() {
        Instant now = clock.instant();
        List<Target> leased = jdbc.sql("""
                        UPDATE probe_target SET leased_until = ?
                        WHERE url_id IN (SELECT url_id FROM probe_target
                                         WHERE state = 'WATCHING' AND next_check_at <= ?
                                           AND (leased_until IS NULL OR leased_until < ?)
                                         ORDER BY next_check_at LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING url_id, url, notice_id, notified_at, fingerprint_sha256, fingerprint_pdq, fingerprint_vpdq, streak,
                                  first_conclusive_at, last_online_at, close_watch_until""")
                .params(Timestamp.from(now.plus(lease)), Timestamp.from(now), Timestamp.from(now), BATCH)
                .query((rs, n) -> {
                    byte[] sha = rs.getBytes("fingerprint_sha256");
                    Timestamp conclusive = rs.getTimestamp("first_conclusive_at");
                    Timestamp online = rs.getTimestamp("last_online_at");
                    Timestamp closeWatch = rs.getTimestamp("close_watch_until");
                    return new Target(
                            rs.getLong("url_id"),
                            rs.getString("url"),
                            (Long) rs.getObject("notice_id"),
                            rs.getTimestamp("notified_at").toInstant(),
                            sha == null
                                    ? null
                                    : new Checker.Fingerprint(
                                            sha, rs.getBytes("fingerprint_pdq"), rs.getBytes("fingerprint_vpdq")),
                            new RemovalRule(
                                    rs.getInt("streak"),
                                    conclusive == null ? null : conclusive.toInstant(),
                                    online == null ? null : online.toInstant()),
                            closeWatch == null ? null : closeWatch.toInstant());
                })
                .list();
        for (Target target : leased) {
            inFlight.add(target.urlId());
        }
        return leased;
    }

    private void write(List<Checked> checked) {
        List<Object[]> checks = new ArrayList<>(checked.size());
        List<Object[]> targets = new ArrayList<>(checked.size());
        List<UrlWentOffline> removals = new ArrayList<>();
        for (Checked c : checked) {
            Target t = c.target();
            Checker.Verdict verdict = c.verdict();
            RemovalRule rule = t.rule().after(verdict.result(), c.at());
            Checker.Fingerprint fingerprint = t.fingerprint() == null && verdict.result() == CheckResult.ONLINE
                    ? verdict.seen()
                    : t.fingerprint();
            String state;
            Instant next;
            if (rule.removed()) {
                state = "REMOVED";
                next = c.at();
                removals.add(new UrlWentOffline(
                        new UrlId(t.urlId()),
                        t.noticeId(),
                        rule.firstConclusiveAt(),
                        rule.lastOnlineAt(),
                        verdict.result()));
            } else {
                next = schedule.next(t.notifiedAt(), c.at(), rule, t.closeWatchUntil());
                state = next == null ? "EXPIRED" : "WATCHING";
            }
            checks.add(new Object[] {
                t.urlId(), Timestamp.from(c.at()), verdict.result().name(), verdict.httpStatus(), verdict.detail()
            });
            targets.add(new Object[] {
                fingerprint == null ? null : fingerprint.sha256(),
                fingerprint == null ? null : fingerprint.pdq(),
                fingerprint == null ? null : fingerprint.vpdq(),
                state,
                Timestamp.from(next == null ? c.at() : next),
                rule.streak(),
                rule.firstConclusiveAt() == null ? null : Timestamp.from(rule.firstConclusiveAt()),
                verdict.result().name(),
                Timestamp.from(c.at()),
                rule.lastOnlineAt() == null ? null : Timestamp.from(rule.lastOnlineAt()),
                rule.removed() ? Timestamp.from(rule.firstConclusiveAt()) : null,
                t.urlId()
            });
        }
        batches.batchUpdate(
                "INSERT INTO probe_check (url_id, checked_at, result, http_status, detail) VALUES (?, ?, ?, ?, ?)",
                checks);
        batches.batchUpdate("""
                UPDATE probe_target SET fingerprint_sha256 = ?, fingerprint_pdq = ?, fingerprint_vpdq = ?, state = ?,
                    next_check_at = ?,
                    leased_until = NULL, checks = checks + 1, streak = ?, first_conclusive_at = ?,
                    last_result = ?, last_checked_at = ?, last_online_at = ?, removed_at = ?
                WHERE url_id = ?""", targets);
        for (UrlWentOffline removal : removals) {
            events.publishEvent(removal);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}

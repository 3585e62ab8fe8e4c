package org.takedown.probing.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.takedown.intake.UrlId;
import org.takedown.intake.UrlReported;
import org.takedown.matching.Banks;
import org.takedown.matching.HashCheck;
import org.takedown.matching.Images;
import org.takedown.matching.Match;
import org.takedown.probing.ContentLooked;
import org.takedown.probing.ProbingProperties;
import org.takedown.shared.jobs.Job;

/**
 * Takes a first look at every newly reported URL so analysts need not: its content is hashed and checked against the
 * enabled hash lists, and a page is summed up as text; the result is recorded on the case for the workbench. A match
 * proposes {@code BASELINE}; when the matching list confirms its matches automatically, the URL is assessed by that
 * rule. The work is rows leased with SKIP LOCKED and done on virtual threads, {@value #BATCH} at a time; passing
 * problems (timeouts, server errors) are retried after 5 and 30 minutes. Thread-safe.
 */
@Component
class FirstLook implements Job {

    static final int BATCH = 16;
    static final List<Duration> RETRIES = List.of(Duration.ofMinutes(5), Duration.ofMinutes(30));
    static final Duration LEASE = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(FirstLook.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ProbingProperties properties;
    private final ContentLook look;
    private final ApplicationEventPublisher events;
    private final Banks banks;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    FirstLook(
            JdbcClient jdbc,
            Clock clock,
            ProbingProperties properties,
            SafeFetcher fetcher,
            HashCheck hashes,
            ApplicationEventPublisher events,
            Banks banks,
            Images images) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.look = new ContentLook(fetcher, hashes, images);
        this.events = events;
        this.banks = banks;
    }

    /** Queues a new URL, in the reporting transaction. */
    @EventListener
    void on(UrlReported reported) {
        if (reported.firstReport() && properties.firstLook()) {
            jdbc.sql("INSERT INTO probing_first_look (url_id, url, due_at) VALUES (?, ?, ?)"
                            + " ON CONFLICT (url_id) DO NOTHING")
                    .params(reported.urlId().value(), reported.normalized(), Timestamp.from(clock.instant()))
                    .update();
        }
    }

    private record Leased(long urlId, String url, int attempts) {}

    /** Looks at the URLs that are due. */
    @Scheduled(fixedDelayString = "${takedown.probing.first-look-interval:1s}")
    void work() {
        runOnce();
    }

    @Override
    public String name() {
        return "first-look";
    }

    @Override
    public int runOnce() {
        return Job.inBatches(this::batch, BATCH);
    }

    @Override
    public java.time.@org.jspecify.annotations.Nullable Instant nextDue() {
        return jdbc.sql("SELECT min(due_at) FROM probing_first_look")
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
    }

    private int batch() {
        Instant now = clock.instant();
        List<Leased> batch = jdbc.sql("""
                        UPDATE probing_first_look SET leased_until = ?
                        WHERE url_id IN (SELECT url_id FROM probing_first_look
                                         WHERE due_at <= ? AND (leased_until IS NULL OR leased_until < ?)
                                         ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING url_id, url, attempts""")
                .params(Timestamp.from(now.plus(LEASE)), Timestamp.from(now), Timestamp.from(now), BATCH)
                .query((rs, n) -> new Leased(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                .list();
        List<Future<?>> running = new ArrayList<>(batch.size());
        for (Leased leased : batch) {
            running.add(threads.submit(() -> lookAt(leased)));
        }
        // every fetch ends by its hard deadline, a page with its embedded images by twice that; past this bound a
        // look is abandoned (its lease brings it back later) rather than holding up the next batch
        Duration bound = properties.totalTimeout().multipliedBy(4);
        long until = System.nanoTime() + bound.toNanos();
        for (Future<?> future : running) {
            try {
                future.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                log.warn("first look failed", e.getCause());
            } catch (TimeoutException e) {
                future.cancel(true);
                log.warn(
                        "a first look took longer than {} s and was abandoned; it is tried again after its lease",
                        bound.toSeconds());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return batch.size();
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        threads.shutdownNow();
    }

    private void lookAt(Leased leased) {
        ContentLook.Look found = look.look(leased.url());
        if (found.problem() != null && found.retry() && leased.attempts() < RETRIES.size()) {
            jdbc.sql("UPDATE probing_first_look SET attempts = ?, due_at = ?, leased_until = NULL WHERE url_id = ?")
                    .params(
                            leased.attempts() + 1,
                            Timestamp.from(clock.instant().plus(RETRIES.get(leased.attempts()))),
                            leased.urlId())
                    .update();
            events.publishEvent(new ContentLooked(new UrlId(leased.urlId()), null, found.problem(), true, null, null));
            return;
        }
        Match best = found.best();
        String confirming = best != null && banks.get(best.bank()).autoConfirm() ? best.bank() : null;
        events.publishEvent(new ContentLooked(
                new UrlId(leased.urlId()), found.summary(), found.problem(), false, found.proposal(), confirming));
        jdbc.sql("DELETE FROM probing_first_look WHERE url_id = ?")
                .param(leased.urlId())
                .update();
    }
}

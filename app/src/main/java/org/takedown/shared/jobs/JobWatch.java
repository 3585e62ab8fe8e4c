package org.takedown.shared.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The watchdog of the background jobs: times every round of every scheduled job and marks a job whose round has run
 * longer than {@code takedown.jobs.stall-after} (default 5 minutes) as stalled: the health indicator {@code jobs} is
 * DOWN naming it, the gauge {@code takedown.job.stalled{job=...}} is 1, and one log line names it when it crosses
 * the limit. A round that ends clears the mark. Real time throughout (the simulation's clock may run fast).
 * Thread-safe.
 */
@Component("jobs")
public class JobWatch implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(JobWatch.class);
    private static final Pattern METHOD = Pattern.compile("([A-Za-z0-9_$]+)\\.([A-Za-z0-9_]+)$");

    /** One job's rounds. */
    private static final class Rounds {
        volatile long startedNanos; // 0 between rounds
        volatile boolean reported;
    }

    private final Map<String, Rounds> jobs = new ConcurrentHashMap<>();
    private final Duration stallAfter;
    private final MeterRegistry meters;

    public JobWatch(@Value("${takedown.jobs.stall-after:5m}") Duration stallAfter, MeterRegistry meters) {
        this.stallAfter = stallAfter;
        this.meters = meters;
    }

    /** {@code task}, timed as a round of the job it runs (for the scheduler's task decorator). */
    public Runnable watched(Runnable task) {
        String name = name(task.toString());
        Rounds rounds = rounds(name);
        return () -> {
            rounds.startedNanos = System.nanoTime();
            try {
                task.run();
            } finally {
                rounds.startedNanos = 0;
                if (rounds.reported) {
                    rounds.reported = false;
                    log.info("job {} finished its stalled round", name);
                }
            }
        };
    }

    private Rounds rounds(String name) {
        return jobs.computeIfAbsent(name, key -> {
            Rounds rounds = new Rounds();
            Gauge.builder("takedown.job.stalled", rounds, r -> overrun(r, System.nanoTime()) > 0 ? 1 : 0)
                    .tag("job", key)
                    .description("1 while the job's current round has run longer than its limit")
                    .register(meters);
            return rounds;
        });
    }

    /** "Prober.work" from "org.takedown.probing.internal.Prober.work" (what Spring's task says of itself). */
    static String name(String task) {
        Matcher m = METHOD.matcher(task.strip());
        return m.find() ? m.group(1) + "." + m.group(2) : task;
    }

    /** How long the job's current round has run at {@code now}, if that is past the limit; else 0. */
    private long overrun(Rounds rounds, long now) {
        long started = rounds.startedNanos;
        return started != 0 && now - started > stallAfter.toNanos() ? now - started : 0;
    }

    /** The jobs whose current round is over the limit, with how long it has run so far. */
    public Map<String, Duration> stalled() {
        Map<String, Duration> stalled = new TreeMap<>();
        long now = System.nanoTime();
        jobs.forEach((name, rounds) -> {
            long running = overrun(rounds, now);
            if (running > 0) {
                stalled.put(name, Duration.ofNanos(running));
                if (!rounds.reported) {
                    rounds.reported = true;
                    log.warn(
                            "job {} has been running its round for {} s, longer than its limit of {} s",
                            name,
                            Duration.ofNanos(running).toSeconds(),
                            stallAfter.toSeconds());
                }
            }
        });
        return stalled;
    }

    /** Checks the jobs every few seconds, so a stall is logged even when nobody asks for the health. */
    @org.springframework.scheduling.annotation.Scheduled(fixedRateString = "${takedown.jobs.watch-interval:5s}")
    void watch() {
        stalled();
    }

    @Override
    public Health health() {
        Map<String, Duration> stalled = stalled();
        if (stalled.isEmpty()) {
            return Health.up().withDetail("jobs", jobs.size()).build();
        }
        Health.Builder down = Health.down();
        stalled.forEach((name, running) -> down.withDetail(
                name, "round running for " + running.toSeconds() + " s, limit " + stallAfter.toSeconds() + " s"));
        return down.build();
    }
}

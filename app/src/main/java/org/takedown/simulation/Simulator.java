package org.takedown.simulation;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.HostingCompany;
import org.takedown.intake.Channel;
import org.takedown.intake.ReportReceipt;
import org.takedown.intake.Reports;
import org.takedown.notices.NoticeSent;
import org.takedown.notices.Notices;
import org.takedown.probing.Probes;
import org.takedown.shared.jobs.Job;
import org.takedown.shared.time.SimulatedClock;
import org.takedown.triage.Assessment;
import org.takedown.triage.Triage;

/**
 * Runs a scenario through the whole chain on the simulated clock: registers its companies, reports its URLs as they
 * arrive (assessed BASELINE by the simulation's rule), and steps the clock a step at a time (a minute by default,
 * straight past quiet steps to the next one at which anything is due), running every module's
 * job until none has anything left to do at that moment. Writes what the simulator did ({@code truth.csv}) and what
 * Takedown measured ({@code measured.csv}). Not thread-safe: one run at a time.
 */
@Service
@ConditionalOnProperty("takedown.simulation.scenario")
public class Simulator {

    /** The simulation's source and the rule it assesses by. */
    static final String SOURCE = "trusted-flagger";

    private final World world;
    private final Clock clock;
    private final HostingCompanies companies;
    private final Reports reports;
    private final Triage triage;
    private final Notices notices;
    private final Probes probes;
    private final JobRounds rounds;
    private final boolean live;
    private final Map<String, Long> reported = new ConcurrentHashMap<>();
    private final Upcoming upcoming;

    Simulator(
            World world,
            Clock clock,
            HostingCompanies companies,
            Reports reports,
            Triage triage,
            Notices notices,
            Probes probes,
            List<Job> jobs,
            @org.springframework.beans.factory.annotation.Value("${takedown.simulation.live:false}") boolean live) {
        this.live = live;
        this.world = world;
        this.clock = clock;
        this.companies = companies;
        this.reports = reports;
        this.triage = triage;
        this.notices = notices;
        this.probes = probes;
        this.rounds = new JobRounds(jobs);
        this.upcoming = new Upcoming(world);
    }

    /** The scenario being run. */
    public Scenario scenario() {
        return world.scenario();
    }

    /** Registers the scenario's companies (once), with their ranges, notices through the portal. */
    public void setUp() {
        Set<String> known = new java.util.HashSet<>();
        for (HostingCompany c : companies.list()) {
            known.add(c.name());
        }
        for (Scenario.Company company : world.scenario().companies()) {
            if (known.contains(company.name())) {
                continue;
            }
            long id = companies
                    .create(
                            company.name(),
                            company.country(),
                            "abuse@"
                                    + company.name()
                                            .toLowerCase(java.util.Locale.ROOT)
                                            .replaceAll("[^a-z0-9]+", "-") + ".example",
                            "PORTAL",
                            company.country().equals("NL"),
                            null)
                    .id();
            String[] range = company.range().split("-");
            companies.addRange(id, range[0], range[range.length - 1], "simulated");
            companies.addAsn(id, company.asn());
        }
    }

    /** The simulator learns when each of its URLs was notified: its companies act from then on. */
    @EventListener
    void on(NoticeSent sent) {
        for (NoticeSent.NoticedUrl url : sent.urls()) {
            World.SimUrl sim = world.find(url.url());
            if (sim != null) {
                sim.notified(sent.sentAt());
            }
        }
    }

    /** Every event published in the application: work that reached another module (see {@link JobRounds}). */
    @EventListener
    void heard(Object event) {
        rounds.heard();
    }

    /**
     * Runs the scenario from its start to its end, a step at a time, as fast as the machine allows.
     *
     * @param pace real time to spend per simulated step at least (zero: as fast as possible)
     * @param progress told the simulated time after each simulated hour
     */
    public void run(Duration step, Duration pace, Consumer<Instant> progress) {
        stepThrough(world.origin(), world.origin().plus(world.scenario().duration()), step, pace, progress);
    }

    /**
     * Brings a live run forward to {@code until} as fast as the machine allows (the clock stopped meanwhile), then
     * lets the clock run on at its speed: the demo's first simulated days are there when it opens.
     */
    public void catchUp(Instant until, Duration step) {
        SimulatedClock simulated = (SimulatedClock) clock;
        double speed = simulated.speed();
        simulated.setSpeed(0);
        try {
            stepThrough(simulated.instant(), until, step, Duration.ZERO, t -> {});
        } finally {
            simulated.setSpeed(speed);
        }
    }

    private void stepThrough(Instant from, Instant end, Duration step, Duration pace, Consumer<Instant> progress) {
        SimulatedClock simulated = (SimulatedClock) clock;
        for (Instant t = from; !t.isAfter(end); t = next(t, step)) {
            long began = System.nanoTime();
            simulated.set(t);
            int arrived = reuploads(t) + arrivals(t);
            rounds.count("(reports)", arrived, began);
            boolean news = arrived > 0;
            rounds.drain(t, news);
            if (t.getEpochSecond() % 3600 == 0) {
                progress.accept(t);
            }
            long left = pace.toNanos() - (System.nanoTime() - began);
            if (left > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The next moment to simulate: a step on, or, when nothing is due until later, the step at which the first thing
     * is due (a report arriving, content re-uploaded, or a job's next work), so quiet hours cost nothing.
     */
    private Instant next(Instant t, Duration step) {
        Instant soonest = Upcoming.earlier(rounds.soonest(t), upcoming.soonest());
        Instant oneStep = t.plus(step);
        if (soonest == null || !soonest.isAfter(oneStep)) {
            return oneStep;
        }
        // stay on the grid of steps, so a run is the same with and without the skip: straight to the first step at or
        // after the moment it is due (nothing is due at the steps in between)
        long steps = Math.ceilDiv(Duration.between(t, soonest).toNanos(), step.toNanos());
        Instant skipTo = t.plus(step.multipliedBy(Math.max(1, steps)));
        Instant hour = t.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1));
        // stop at every hour for the progress report
        return skipTo.isAfter(hour) && hour.isAfter(t) ? hour : skipTo;
    }

    /**
     * One moment of a live run (the demo), where the servers' own schedules do the work: the reports due by now
     * arrive. In a live run a fifth of the URLs is left for the analysts to assess.
     */
    public void tick() {
        Instant now = clock.instant();
        reuploads(now);
        arrivals(now);
    }

    /** After a restart of a live run: what was reported and notified before. */
    public void restore() {
        for (Notices.Notified n : notices.notified()) {
            World.SimUrl sim = world.find(n.url());
            if (sim != null) {
                sim.notified(n.sentAt());
            }
        }
        for (World.SimUrl url : world.urls()) {
            if (!url.reportAt().isAfter(clock.instant())) {
                reported.put(url.url(), -1L);
            }
        }
    }

    /** Leaves every fifth URL to the analysts in a live run. */
    private boolean assessedByRule(long urlId) {
        return !live || urlId % 5 != 0;
    }

    /**
     * Work done, times run and real time spent per job, for the run's summary; the simulator's own parts (asking the
     * jobs when they are next due, reporting) are listed in brackets.
     */
    public record JobTotals(String job, long items, long runs, Duration realTime) {

        /** Items per real second. */
        public double perSecond() {
            return realTime.isZero() ? 0 : items * 1e9 / realTime.toNanos();
        }
    }

    /** What each job did so far, and the real time it took. */
    public List<JobTotals> totals() {
        return rounds.totals();
    }

    /** Runs every job until none has anything left to do now. */
    public void drain() {
        rounds.drain(clock.instant(), true);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        rounds.close();
    }

    /** Reports the URLs due by now; returns how many. */
    private int arrivals(Instant now) {
        List<World.SimUrl> due = new ArrayList<>();
        for (World.SimUrl url : upcoming.reportsDue(now)) {
            if (!reported.containsKey(url.url())) {
                due.add(url);
            }
        }
        for (int from = 0; from < due.size(); from += Reports.MAX_URLS) {
            List<World.SimUrl> part = due.subList(from, Math.min(due.size(), from + Reports.MAX_URLS));
            ReportReceipt receipt = reports.submit(
                    Channel.API,
                    SOURCE,
                    "simulation",
                    "simulated report",
                    now,
                    part.stream().map(World.SimUrl::url).toList());
            for (var accepted : receipt.accepted()) {
                reported.put(accepted.normalized(), accepted.urlId());
                if (assessedByRule(accepted.urlId())) {
                    triage.assessByRule(
                            accepted.urlId(), Assessment.BASELINE, "simulation: simulated URL", "rule:simulation");
                }
            }
            for (World.SimUrl url : part) {
                reported.putIfAbsent(url.url(), -1L);
            }
        }
        return due.size();
    }

    /** Content removed with a re-upload behind it appears again at a new URL two hours later. */
    /** Brings back the removed content due again by now at a new URL; returns how many. */
    private int reuploads(Instant now) {
        List<World.SimUrl> due = upcoming.reuploadsDue(now);
        for (World.SimUrl url : due) {
            world.reupload(url, now);
        }
        return due.size();
    }

    /** {@code truth.csv}: what the simulator did, per URL, up to the end of the run. */
    public void writeTruth(Path file) throws IOException {
        Instant end = world.origin().plus(world.scenario().duration());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = CSVFormat.RFC4180
                        .builder()
                        .setHeader("url", "hosting_company", "country", "notified_at", "removed_at")
                        .get()
                        .print(out)) {
            for (World.SimUrl url : world.urls()) {
                csv.printRecord(
                        url.url(),
                        url.company().name(),
                        url.company().country(),
                        text(url.notifiedAt()),
                        // a removal the run did not reach did not happen in it
                        text(url.removedAt() != null && url.removedAt().isAfter(end) ? null : url.removedAt()));
            }
        }
    }

    /** {@code measured.csv}: what Takedown recorded, per notified URL. */
    public void writeMeasured(Path file) throws IOException {
        Map<Long, Probes.Status> watched = new HashMap<>();
        for (Probes.Status status : probes.all()) {
            watched.put(status.urlId(), status);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = CSVFormat.RFC4180
                        .builder()
                        .setHeader(
                                "url",
                                "hosting_company",
                                "country",
                                "notified_at",
                                "first_offline_at",
                                "last_online_at",
                                "status")
                        .get()
                        .print(out)) {
            for (Notices.Notified n : notices.notified()) {
                Probes.Status s = watched.get(n.urlId());
                String status = n.closedReason() != null ? "MOVED" : s == null ? "NOT_CHECKED" : s.state();
                csv.printRecord(
                        n.url(),
                        n.company(),
                        n.country(),
                        text(n.sentAt()),
                        text(s == null ? null : s.removedAt()),
                        text(s == null ? null : s.lastOnlineAt()),
                        status);
            }
        }
    }

    private static String text(@Nullable Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}

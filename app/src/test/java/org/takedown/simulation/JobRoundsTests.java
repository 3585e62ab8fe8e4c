package org.takedown.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.takedown.shared.jobs.Job;

/** How the simulation runs the jobs at one moment: only those due, again after work, the checks beside the rest. */
class JobRoundsTests {

    static final Instant T = Instant.parse("2021-03-01T10:00:00Z");

    /** A job with work handed to it from outside; it is due while it has some, or at {@code later}. */
    static final class Work implements Job {
        final String name;
        final boolean alongside;
        final List<String> log;
        int waiting;

        @Nullable
        Instant later;

        IntSupplier onRun = () -> 0;
        boolean byEvents;
        int asked;

        Work(String name, boolean alongside, List<String> log) {
            this.name = name;
            this.alongside = alongside;
            this.log = log;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int runOnce() {
            synchronized (log) {
                log.add(name);
            }
            int done = waiting + onRun.getAsInt();
            waiting = 0;
            return done;
        }

        @Override
        public @Nullable Instant nextDue() {
            asked++;
            return waiting > 0 ? T : later;
        }

        @Override
        public boolean handsOnWorkOnlyByEvents() {
            return byEvents;
        }

        @Override
        public boolean runsAlongside() {
            return alongside;
        }
    }

    @Test
    void aRoundRunsOnlyTheJobsDueAndWorkLeftForAnotherJobRunsItAtTheSameMoment() {
        List<String> log = new ArrayList<>();
        Work collect = new Work("collect", false, log);
        Work send = new Work("send", false, log);
        Work quiet = new Work("quiet", false, log);
        quiet.later = T.plus(Duration.ofHours(1));
        collect.onRun = () -> {
            if (collect.waiting > 0) {
                send.waiting++; // what it collected is for the sender
            }
            return 0;
        };
        JobRounds rounds = new JobRounds(List.of(send, collect, quiet));
        rounds.drain(T, true); // the first moment: everyone runs once, nothing to do
        assertThat(log).containsExactly("send", "collect", "quiet");

        log.clear();
        collect.waiting = 1;
        rounds.drain(T, true); // reports arrived: all run; the collector left work for the sender, who runs again
        assertThat(log).containsExactly("send", "collect", "quiet", "send");

        log.clear();
        collect.waiting = 1;
        // no news, and the plans say nobody is due: nothing runs (work from outside comes with news)
        rounds.drain(T.plusSeconds(60), false);
        assertThat(log).isEmpty();
        assertThat(rounds.soonest(T.plusSeconds(60))).isEqualTo(quiet.later);
    }

    @Test
    void theChecksRunBesideTheOtherJobsOfTheirRound() throws Exception {
        List<String> log = new ArrayList<>();
        CountDownLatch notices = new CountDownLatch(1);
        Work checks = new Work("checks", true, log);
        Work composer = new Work("notices", false, log);
        boolean[] sawTheNotices = new boolean[1];
        checks.onRun = () -> {
            try {
                // run one after the other, the checks would wait here for a job that only starts after them
                sawTheNotices[0] = notices.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        };
        composer.onRun = () -> {
            notices.countDown();
            return 0;
        };
        try (JobRounds rounds = new JobRounds(List.of(checks, composer))) {
            rounds.drain(T, true);
        }
        assertThat(sawTheNotices[0]).isTrue();
        assertThat(log).containsExactlyInAnyOrder("checks", "notices");
    }

    @Test
    void theSummaryCountsItemsAndRunsPerJob() {
        List<String> log = new ArrayList<>();
        Work collect = new Work("collect", false, log);
        collect.waiting = 3;
        JobRounds rounds = new JobRounds(List.of(collect));
        rounds.drain(T, true);
        Simulator.JobTotals totals = rounds.totals().stream()
                .filter(t -> t.job().equals("collect"))
                .findFirst()
                .orElseThrow();
        assertThat(totals.items()).isEqualTo(3);
        assertThat(totals.runs()).isEqualTo(1);
        assertThat(rounds.totals()).extracting(Simulator.JobTotals::job).contains("(planning)");
    }

    @Test
    void afterWorkHandedOnOnlyByEventsAndNoEventOnlyTheModuleThatRanIsAskedAgain() {
        List<String> log = new ArrayList<>();
        Work checks = new Work("checks", false, log);
        Work firstLook = new Work("first-look", false, log);
        Work notices = new Work("notices", false, log);
        checks.byEvents = true;
        checks.later = T.plusSeconds(120);
        notices.later = T.plus(Duration.ofHours(1));
        java.util.Map<Job, String> module =
                java.util.Map.of(checks, "probing", firstLook, "probing", notices, "notices");
        JobRounds rounds = new JobRounds(List.of(checks, firstLook, notices), module::get);
        rounds.drain(T, true); // everyone runs once and is asked
        int noticesAsked = notices.asked;
        int firstLookAsked = firstLook.asked;

        // the checks find something and publish nothing: their module is asked again, the notices are not
        checks.onRun = () -> {
            checks.later = T.plusSeconds(180);
            return 1;
        };
        log.clear();
        rounds.drain(T.plusSeconds(120), false);
        assertThat(log).containsExactly("checks");
        assertThat(firstLook.asked).isEqualTo(firstLookAsked + 1);
        assertThat(notices.asked).isEqualTo(noticesAsked);
        assertThat(rounds.soonest(T.plusSeconds(120))).isEqualTo(T.plusSeconds(180));

        // a check that publishes an event (a removal) may have given the notices work: everyone is asked again, and
        // the notices, due now, run at the same moment
        checks.onRun = () -> {
            rounds.heard();
            notices.waiting = 1;
            checks.later = T.plusSeconds(240);
            return 1;
        };
        log.clear();
        rounds.drain(T.plusSeconds(180), false);
        assertThat(log).containsExactly("checks", "notices");
        assertThat(notices.asked).isGreaterThan(noticesAsked);
    }

    @Test
    void aJobThatMayHandOnWorkOtherwiseHasEveryJobAskedAgain() {
        List<String> log = new ArrayList<>();
        Work composer = new Work("notices", false, log);
        Work attribution = new Work("attribution", false, log);
        composer.later = T;
        boolean[] remind = {false};
        // a reminder asks attribution to look at a URL again by calling it, not by an event
        composer.onRun = () -> {
            if (!remind[0]) {
                return 0;
            }
            remind[0] = false;
            attribution.waiting = 1;
            composer.later = null;
            return 1;
        };
        java.util.Map<Job, String> module = java.util.Map.of(composer, "notices", attribution, "attribution");
        JobRounds rounds = new JobRounds(List.of(composer, attribution), module::get);
        rounds.drain(T.minusSeconds(60), true);
        remind[0] = true;
        log.clear();
        rounds.drain(T, false);
        assertThat(log).containsExactly("notices", "attribution");
    }

    @Test
    void aJobsModuleIsThePackageUnderTakedown() {
        assertThat(JobRounds.module(new Work("x", false, new ArrayList<>()))).isEqualTo("simulation");
    }
}

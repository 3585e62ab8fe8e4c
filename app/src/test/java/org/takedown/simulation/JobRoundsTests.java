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
            return waiting > 0 ? T : later;
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
}

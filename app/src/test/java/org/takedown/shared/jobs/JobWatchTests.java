package org.takedown.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The watchdog marks a job whose round runs past its limit, names it, and clears the mark when the round ends. */
class JobWatchTests {

    @Test
    void aStalledRoundTurnsTheHealthDownNamingTheJobUntilItEnds() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        JobWatch watch = new JobWatch(Duration.ofMillis(200), meters);
        CountDownLatch release = new CountDownLatch(1);
        Runnable stalled = watch.watched(new Runnable() {
            @Override
            public void run() {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public String toString() {
                return "org.takedown.probing.internal.Prober.work";
            }
        });
        watch.watched(() -> {}).run(); // another job, finishing at once
        Thread round = Thread.ofVirtual().start(stalled);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> watch.health().getStatus().equals(Status.DOWN));
        assertThat(watch.health().getDetails()).containsOnlyKeys("Prober.work");
        assertThat(meters.get("takedown.job.stalled")
                        .tag("job", "Prober.work")
                        .gauge()
                        .value())
                .isEqualTo(1.0);

        release.countDown();
        round.join();
        assertThat(watch.health().getStatus()).isEqualTo(Status.UP);
        assertThat(meters.get("takedown.job.stalled")
                        .tag("job", "Prober.work")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void namesComeFromTheScheduledMethod() {
        assertThat(JobWatch.name("org.takedown.notices.internal.OutboxSender.send"))
                .isEqualTo("OutboxSender.send");
    }
}

package org.takedown.shared;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.takedown.shared.jobs.JobWatch;

/** One job's stalled round never delays another: every fixed-delay job has a thread of its own. */
class SchedulingConfigurationTests {

    @Test
    void aStalledJobDoesNotDelayTheOthers() throws Exception {
        JobWatch watch = new JobWatch(Duration.ofMinutes(5), new SimpleMeterRegistry());
        ThreadPoolTaskScheduler scheduler = SchedulingConfiguration.scheduler(watch);
        scheduler.initialize();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger others = new AtomicInteger();
        try {
            // as many stalled jobs as the application has scheduled tasks, minus one, all stuck at once
            for (int i = 0; i < 11; i++) {
                scheduler.scheduleWithFixedDelay(
                        () -> {
                            try {
                                release.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        Duration.ofMillis(10));
            }
            scheduler.scheduleWithFixedDelay(others::incrementAndGet, Duration.ofMillis(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> others.get() >= 20);
        } finally {
            release.countDown();
            scheduler.shutdown();
        }
    }
}

package org.takedown.enforcement.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.takedown.enforcement.Enforcement;
import org.takedown.shared.jobs.Job;

/** Checks orders whose deadline has passed, from the probes' record (see {@link Enforcement#checkDeadlines()}). */
@Component
class OrderDeadlines implements Job {

    private final Enforcement enforcement;

    OrderDeadlines(Enforcement enforcement) {
        this.enforcement = enforcement;
    }

    @Scheduled(fixedDelayString = "${takedown.enforcement.check-interval:30s}")
    void check() {
        runOnce();
    }

    @Override
    public String name() {
        return "order-deadlines";
    }

    @Override
    public int runOnce() {
        return enforcement.checkDeadlines();
    }

    @Override
    public @Nullable Instant nextDue() {
        return enforcement.nextDeadline();
    }
}

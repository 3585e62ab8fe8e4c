package org.takedown.enforcement.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.takedown.enforcement.Enforcement;
import org.takedown.shared.jobs.Job;

/** Evaluates the watch list and puts newly flagged providers before the officers (see {@link Enforcement#flagProviders()}). */
@Component
class WatchFlags implements Job {

    private final Enforcement enforcement;

    WatchFlags(Enforcement enforcement) {
        this.enforcement = enforcement;
    }

    @Scheduled(fixedDelayString = "${takedown.enforcement.check-interval:30s}")
    void flag() {
        runOnce();
    }

    @Override
    public String name() {
        return "watch-list";
    }

    @Override
    public int runOnce() {
        return enforcement.flagProviders();
    }

    @Override
    public @Nullable Instant nextDue() {
        return enforcement.nextWatch();
    }
}

package org.takedown.matching;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.takedown.shared.jobs.Job;

/** Pulls the subscriptions that are due (see {@link Exchange#syncDue()}). */
@Component
class ExchangeSync implements Job {

    private final Exchange exchange;

    ExchangeSync(Exchange exchange) {
        this.exchange = exchange;
    }

    @Scheduled(fixedDelayString = "${takedown.matching.exchange.check-interval:30s}")
    void sync() {
        runOnce();
    }

    @Override
    public String name() {
        return "exchange";
    }

    @Override
    public int runOnce() {
        return exchange.syncDue();
    }

    @Override
    public @Nullable Instant nextDue() {
        return exchange.nextSync();
    }
}

package org.takedown.matching;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness: out of service until the hash lists are loaded into memory, so no lookup misses an entry, and then while
 * the hash check warms up ({@link HashCheckWarmUp}).
 */
@Component("hashIndex")
class HashIndexHealth implements HealthIndicator {

    private final HashIndexes indexes;
    private final HashCheckWarmUp warmUp;

    HashIndexHealth(HashIndexes indexes, HashCheckWarmUp warmUp) {
        this.indexes = indexes;
        this.warmUp = warmUp;
    }

    @Override
    public Health health() {
        if (!indexes.loaded()) {
            return Health.outOfService()
                    .withDetail("reason", "loading hash lists")
                    .build();
        }
        if (warmUp.running()) {
            return Health.outOfService()
                    .withDetail("reason", "warming up the hash check")
                    .withDetail("requests", warmUp.sent() + " of " + warmUp.planned())
                    .build();
        }
        return Health.up().build();
    }
}

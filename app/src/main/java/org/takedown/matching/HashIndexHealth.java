package org.takedown.matching;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness: out of service until the hash lists are loaded into memory, so no lookup misses an entry. */
@Component("hashIndex")
class HashIndexHealth implements HealthIndicator {

    private final HashIndexes indexes;

    HashIndexHealth(HashIndexes indexes) {
        this.indexes = indexes;
    }

    @Override
    public Health health() {
        return indexes.loaded()
                ? Health.up().build()
                : Health.outOfService()
                        .withDetail("reason", "loading hash lists")
                        .build();
    }
}

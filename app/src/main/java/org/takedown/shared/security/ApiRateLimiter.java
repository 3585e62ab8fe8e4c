package org.takedown.shared.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Per-key request budget: each key may make {@link ApiKey#ratePerMinute()} requests per minute, refilled greedily.
 *
 * <p>Buckets live in this instance's memory (several instances each allow the full rate). Real time is used on
 * purpose, not the application clock: the limit protects the server, whatever the simulated time. Thread-safe.
 */
@Component
class ApiRateLimiter {

    private final Cache<Long, Limited> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1))
            .maximumSize(100_000)
            .build();

    /**
     * Takes one request from the key's budget.
     *
     * @return 0 when allowed, else the whole seconds to wait before the next request is allowed (at least 1)
     */
    long tryConsume(ApiKey key) {
        Limited limited = buckets.asMap()
                .compute(
                        key.id(),
                        (id, existing) -> existing != null && existing.ratePerMinute == key.ratePerMinute()
                                ? existing
                                : new Limited(key.ratePerMinute()));
        ConsumptionProbe probe = limited.bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
    }

    private static final class Limited {
        final int ratePerMinute;
        final Bucket bucket;

        Limited(int ratePerMinute) {
            this.ratePerMinute = ratePerMinute;
            this.bucket = Bucket.builder()
                    .addLimit(Bandwidth.builder()
                            .capacity(ratePerMinute)
                            .refillGreedy(ratePerMinute, Duration.ofMinutes(1))
                            .build())
                    .build();
        }
    }
}

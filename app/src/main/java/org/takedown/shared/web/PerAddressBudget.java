package org.takedown.shared.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * A request budget per client address for public pages that anyone may ask without an account: each address may
 * make {@code capacity} requests per {@code period}, refilled greedily. Buckets live in this instance's memory and in
 * real time (not the application clock: the budget protects the server). At most 100 000 addresses are remembered.
 * Thread-safe.
 */
public final class PerAddressBudget {

    private final int capacity;
    private final Duration period;
    private final Cache<String, Bucket> buckets;

    public PerAddressBudget(int capacity, Duration period) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a budget allows at least one request, not " + capacity);
        }
        this.capacity = capacity;
        this.period = period;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(period.multipliedBy(2))
                .maximumSize(100_000)
                .build();
    }

    /**
     * Takes one request from the address's budget.
     *
     * @return 0 when allowed, else the whole seconds to wait before the next request is allowed (at least 1)
     */
    public long tryTake(String address) {
        Bucket bucket = buckets.get(
                address,
                a -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(capacity)
                                .refillGreedy(capacity, period)
                                .build())
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
    }
}

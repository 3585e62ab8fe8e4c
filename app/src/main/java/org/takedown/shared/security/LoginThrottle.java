package org.takedown.shared.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.function.IntFunction;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address and says when to refuse further attempts, so that
 * passwords cannot be guessed at speed. Real time on purpose (see {@link ApiRateLimiter}). Thread-safe.
 */
@Component
class LoginThrottle {

    private final SecurityProperties.Login settings;
    private final Cache<String, Bucket> perAccount;
    private final Cache<String, Bucket> perAddress;

    LoginThrottle(SecurityProperties properties) {
        this.settings = properties.login();
        Duration keep = settings.window().multipliedBy(2);
        this.perAccount = Caffeine.newBuilder()
                .expireAfterAccess(keep)
                .maximumSize(100_000)
                .build();
        this.perAddress = Caffeine.newBuilder()
                .expireAfterAccess(keep)
                .maximumSize(100_000)
                .build();
    }

    /** Whole seconds until another attempt is allowed for this account or address; 0 when allowed now. */
    long secondsBlocked(String account, String address) {
        return Math.max(wait(perAccount, account), wait(perAddress, address));
    }

    void failed(String account, String address) {
        bucket(perAccount, account, settings.maxFailures()).tryConsume(1);
        bucket(perAddress, address, settings.maxFailuresPerAddress()).tryConsume(1);
    }

    void succeeded(String account) {
        perAccount.invalidate(account);
    }

    private long wait(Cache<String, Bucket> cache, String key) {
        Bucket bucket = cache.getIfPresent(key);
        if (bucket == null) {
            return 0;
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return nanos == 0 ? 0 : Duration.ofNanos(nanos).toSeconds() + 1;
    }

    private Bucket bucket(Cache<String, Bucket> cache, String key, int capacity) {
        IntFunction<Bucket> create = size -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(size)
                        .refillIntervally(size, settings.window())
                        .build())
                .build();
        return cache.get(key, k -> create.apply(capacity));
    }
}

package org.takedown.shared.security;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * The API keys of recently checked tokens, by the token's digest, so that a busy client does not cost a database
 * query per request ({@link ApiKeys#authenticate}).
 *
 * <ul>
 *   <li>A token not held is checked once, however many requests bring it at the same time: the first starts the check
 *       (on a virtual thread of its own), the others wait for it. After a restart every request of a busy client
 *       arrives before the first check ends; each checking on its own queued them all behind one another's queries
 *       and updates of the same row.
 *   <li>A token in use is checked again in the background once its entry is {@link #REFRESH_AFTER} old, so that no
 *       request waits for the database while the client keeps sending.
 *   <li>An entry not checked again within {@link #EXPIRE_AFTER} is dropped: a key revoked on another instance is
 *       refused here within that time. {@link #dropKey} drops a key at once.
 * </ul>
 *
 * Thread-safe.
 */
final class CheckedTokens {

    /** Age at which a held token still in use is checked again in the background. */
    static final Duration REFRESH_AFTER = Duration.ofSeconds(5);

    /** Age at which a held token is dropped. */
    static final Duration EXPIRE_AFTER = Duration.ofSeconds(10);

    /** The check itself: the active key of the token with this prefix and digest, or null. */
    interface Check {
        @Nullable
        ApiKey check(String prefix, String digest);
    }

    private final Check check;
    private final AsyncLoadingCache<String, ApiKey> held;

    CheckedTokens(Check check) {
        this(check, Ticker.systemTicker());
    }

    /** With the time read from {@code ticker} (tests). */
    CheckedTokens(Check check, Ticker ticker) {
        this.check = check;
        this.held = Caffeine.newBuilder()
                .ticker(ticker)
                .refreshAfterWrite(REFRESH_AFTER)
                .expireAfterWrite(EXPIRE_AFTER)
                .maximumSize(10_000)
                .executor(Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("api-key-check-", 0).factory()))
                .buildAsync(new CacheLoader<String, ApiKey>() {
                    @Override
                    public ApiKey load(String digest) {
                        throw new UnsupportedOperationException("a token is checked with its prefix");
                    }

                    @Override
                    public @Nullable ApiKey reload(String digest, ApiKey key) {
                        return check.check(key.prefix(), digest);
                    }
                });
    }

    /** The key of the token with this prefix and digest: held, or checked now (once for all who ask meanwhile). */
    Optional<ApiKey> key(String prefix, String digest) {
        CompletableFuture<ApiKey> key = held.getIfPresent(digest);
        if (key == null) {
            key = held.get(
                    digest, (d, executor) -> CompletableFuture.supplyAsync(() -> check.check(prefix, d), executor));
        }
        try {
            return Optional.ofNullable(key.join());
        } catch (CompletionException e) {
            // the check's own failure (the database away, say), as the caller would have seen it
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Drops every token of the key with this id. */
    void dropKey(long id) {
        held.synchronous().asMap().values().removeIf(key -> key.id() == id);
    }

    /** Drops the token with this digest. */
    void drop(String digest) {
        held.synchronous().invalidate(digest);
    }
}

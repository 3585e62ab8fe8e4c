package org.takedown.shared.security;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
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

    /**
     * Where checks run: a virtual thread each, since a check waits for the database. The cache's own upkeep stays on
     * its default executor.
     */
    private static final Executor CHECKS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("api-key-check-", 0).factory());

    private final Check check;
    private final AsyncLoadingCache<String, ApiKey> held;

    /** Digests held by {@link #hold} and not yet asked for: their first use starts a check in the background. */
    private final Set<String> unconfirmed = ConcurrentHashMap.newKeySet();

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
                .buildAsync(new AsyncCacheLoader<String, ApiKey>() {
                    @Override
                    public CompletableFuture<ApiKey> asyncLoad(String digest, Executor executor) {
                        throw new UnsupportedOperationException("a token is checked with its prefix");
                    }

                    @Override
                    public CompletableFuture<ApiKey> asyncReload(String digest, ApiKey key, Executor executor) {
                        return checkLater(key.prefix(), digest);
                    }
                });
    }

    /** The key of the token with this prefix and digest: held, or checked now (once for all who ask meanwhile). */
    Optional<ApiKey> key(String prefix, String digest) {
        CompletableFuture<ApiKey> key = held.getIfPresent(digest);
        if (key != null && !unconfirmed.isEmpty() && unconfirmed.remove(digest)) {
            held.synchronous().refresh(digest); // so that its use is noted, without making this request wait
        }
        if (key == null) {
            key = held.get(digest, (d, executor) -> checkLater(prefix, d));
        }
        try {
            ApiKey found = key.join();
            if (found == null) {
                held.asMap().remove(digest, key); // the cache drops it too, but maybe only after this returns
            }
            return Optional.ofNullable(found);
        } catch (CompletionException e) {
            held.asMap().remove(digest, key); // a failed check is not held, not even for the next request
            // the check's own failure (the database away, say), as the caller would have seen it
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Checks the token on a thread of its own ({@link #CHECKS}), not on the cache's executor, since a check waits for
     * the database.
     */
    private CompletableFuture<ApiKey> checkLater(String prefix, String digest) {
        return CompletableFuture.supplyAsync(() -> check.check(prefix, digest), CHECKS);
    }

    /**
     * Holds a key read from the database by its token's digest, as if its token had just been checked: for the
     * clients that come back at once after a restart. Its first use starts a check in the background, which notes the
     * use.
     */
    void hold(String digest, ApiKey key) {
        unconfirmed.add(digest);
        held.put(digest, CompletableFuture.completedFuture(key));
    }

    /** Drops every token of the key with this id. */
    void dropKey(long id) {
        held.synchronous().asMap().values().removeIf(key -> key.id() == id);
    }

    /** Drops the token with this digest. */
    void drop(String digest) {
        unconfirmed.remove(digest);
        held.synchronous().invalidate(digest);
    }
}

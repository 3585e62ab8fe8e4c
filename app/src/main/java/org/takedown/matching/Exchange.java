package org.takedown.matching;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.shared.errors.InvalidRequestException;

/**
 * Hash lists between Takedown instances: as a source, a list's changes after a cursor and the feedback subscribers
 * send; as a subscriber, subscriptions of a local list to a source's list, pulled on their schedule and resumable,
 * and feedback sent back. Thread-safe.
 */
@Service
public class Exchange {

    /** Feedback a source received on an entry of one of its lists. */
    public record Feedback(
            long entryId,
            String type,
            String value,
            String verdict,
            String from,
            @Nullable String note,
            Instant receivedAt) {}

    /**
     * A local list's subscription to a source's list, with how its syncs went.
     *
     * @param cursor where the next sync starts at the source
     */
    public record Subscription(
            long id,
            String bank,
            String sourceUrl,
            String sourceBank,
            Duration every,
            String cursor,
            Instant nextSyncAt,
            @Nullable Instant lastSuccessAt,
            @Nullable String lastError,
            @Nullable Instant lastErrorAt,
            long entriesAdded,
            long entriesDisabled) {}

    private final ExchangeFeed feed;
    private final Subscriptions subscriptions;

    Exchange(ExchangeFeed feed, Subscriptions subscriptions) {
        this.feed = feed;
        this.subscriptions = subscriptions;
    }

    /** A page of a list's changes after {@code cursor} (null: from the start), at most 10 000 entries. */
    public ExchangePage changes(String bank, @Nullable String cursor, int limit) {
        return feed.changes(bank, cursor, limit);
    }

    /** Records a subscriber's verdict (CONFIRMED, FALSE_POSITIVE, SEEN) on an entry of a list. */
    @Transactional
    public void receiveFeedback(String bank, String type, String value, String verdict, @Nullable String note) {
        feed.feedback(bank, type, value, verdict, note);
    }

    /** The feedback on a list's entries, newest first. */
    public List<Feedback> feedback(String bank, int limit) {
        return feed.feedback(bank, limit);
    }

    /** Subscribes a local list to a source's list; the first sync is due at once. */
    @Transactional
    public long subscribe(
            String bank,
            @Nullable String sourceUrl,
            @Nullable String sourceBank,
            @Nullable String apiKey,
            @Nullable Duration every) {
        return subscriptions.subscribe(bank, sourceUrl, sourceBank, apiKey, every);
    }

    /** A local list's subscriptions with their status. */
    public List<Subscription> subscriptions(String bank) {
        return subscriptions.of(bank);
    }

    /**
     * Syncs one subscription now, until caught up or a request fails (recorded as its last error).
     *
     * @return the pages applied
     */
    public int sync(long subscriptionId) {
        return subscriptions.sync(subscriptionId);
    }

    /** Syncs the subscriptions that are due; returns the pages applied. */
    public int syncDue() {
        return subscriptions.syncDue();
    }

    public @Nullable Instant nextSync() {
        return subscriptions.nextDue();
    }

    /** Sends a verdict on an entry back to a subscription's source. */
    public void sendFeedback(long subscriptionId, String type, String value, String verdict, @Nullable String note) {
        try {
            subscriptions.feedback(subscriptionId, type, value, verdict, note);
        } catch (IOException e) {
            throw new InvalidRequestException("the source did not take the feedback: " + e.getMessage());
        }
    }
}

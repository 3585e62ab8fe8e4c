package org.takedown.probing.internal;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.takedown.probing.ProbingProperties;

/**
 * When a watched URL is checked next: at the short interval for the first days after its notice, then at the longer
 * one until the watch ends; soon again while a run of failed checks is unsettled; and, while an order's deadline
 * runs, at the short interval and at the deadline itself. Checks keep to a grid counted from the notice, so a slow
 * check does not push every later one back. Immutable, thread-safe.
 */
record CheckSchedule(ProbingProperties.Schedule settings) {

    /** When to check next, or null when the watch is over. */
    @Nullable
    Instant next(Instant notifiedAt, Instant now, RemovalRule rule, @Nullable Instant closeWatchUntil) {
        if (closeWatchUntil != null && now.isBefore(closeWatchUntil)) {
            Instant soon = now.plus(rule.unsettled() ? settings.retry() : settings.interval());
            return soon.isAfter(closeWatchUntil) ? closeWatchUntil : soon;
        }
        Duration since = Duration.between(notifiedAt, now);
        if (since.compareTo(settings.watchFor()) >= 0) {
            return null;
        }
        if (rule.unsettled()) {
            return now.plus(settings.retry());
        }
        Duration interval = since.compareTo(settings.intensive()) < 0 ? settings.interval() : settings.laterInterval();
        long steps = since.dividedBy(interval) + 1;
        return notifiedAt.plus(interval.multipliedBy(steps));
    }
}

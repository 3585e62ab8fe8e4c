package org.takedown.probing.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.takedown.probing.CheckResult;

/**
 * The removal rule over a URL's checks: removed after {@value #STREAK} results in a row that are not ONLINE, at least
 * one of them OFFLINE or REPLACED; the removal time is the first of the run, and the last ONLINE time is kept as the
 * lower bound. A value: {@link #after} returns the next state.
 *
 * @param streak non-ONLINE results in a row
 * @param streakStartedAt when the run began (null without a run)
 * @param conclusive whether the run holds an OFFLINE or REPLACED
 */
record RemovalRule(
        int streak,
        @Nullable Instant streakStartedAt,
        boolean conclusive,
        @Nullable Instant lastOnlineAt) {

    static final int STREAK = 3;

    static final RemovalRule START = new RemovalRule(0, null, false, null);

    RemovalRule after(CheckResult result, Instant at) {
        if (result == CheckResult.ONLINE) {
            return new RemovalRule(0, null, false, at);
        }
        return new RemovalRule(
                streak + 1, streak == 0 ? at : streakStartedAt, conclusive || result.conclusive(), lastOnlineAt);
    }

    /** True once the URL counts as removed. */
    boolean removed() {
        return streak >= STREAK && conclusive;
    }

    /** True while a run of non-ONLINE results is open: check again soon to settle it. */
    boolean unsettled() {
        return streak > 0;
    }
}

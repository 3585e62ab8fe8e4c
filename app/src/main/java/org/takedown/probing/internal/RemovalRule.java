package org.takedown.probing.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.takedown.probing.CheckResult;

/**
 * The removal rule over a URL's checks: removed after {@value #STREAK} results in a row that are not ONLINE, at least
 * one of them OFFLINE or REPLACED. The removal time is the first OFFLINE or REPLACED result of the run: an
 * INCONCLUSIVE result before it (a timeout, a 503) says nothing about whether the content was still there, so the
 * removal is never dated before the evidence of it. The last ONLINE time is kept as the lower bound. A value:
 * {@link #after} returns the next state.
 *
 * @param streak non-ONLINE results in a row
 * @param firstConclusiveAt the first OFFLINE or REPLACED result of the run (null while it has none)
 */
record RemovalRule(
        int streak,
        @Nullable Instant firstConclusiveAt,
        @Nullable Instant lastOnlineAt) {

    static final int STREAK = 3;

    static final RemovalRule START = new RemovalRule(0, null, null);

    RemovalRule after(CheckResult result, Instant at) {
        if (result == CheckResult.ONLINE) {
            return new RemovalRule(0, null, at);
        }
        Instant conclusiveAt = firstConclusiveAt == null && result.conclusive() ? at : firstConclusiveAt;
        return new RemovalRule(streak + 1, conclusiveAt, lastOnlineAt);
    }

    /** True once the URL counts as removed. */
    boolean removed() {
        return streak >= STREAK && firstConclusiveAt != null;
    }

    /** True while a run of non-ONLINE results is open: check again soon to settle it. */
    boolean unsettled() {
        return streak > 0;
    }
}

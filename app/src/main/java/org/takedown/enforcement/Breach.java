package org.takedown.enforcement;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A URL still online when the 24-hour norm after its notice had passed, as the authority recorded it, with the checks
 * that prove it.
 *
 * @param checks the checks of the URL since its notice, at the moment of the breach
 * @param lastOnlineAt the last check that found it online
 */
public record Breach(
        long noticeId,
        long urlId,
        String url,
        Instant sentAt,
        Instant breachedAt,
        int checks,
        @Nullable Instant lastOnlineAt,
        @Nullable String lastResult) {}

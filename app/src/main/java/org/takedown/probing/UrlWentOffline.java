package org.takedown.probing;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.takedown.intake.UrlId;

/**
 * A notified URL was removed: three checks in a row did not find it online, at least one of them conclusively.
 *
 * @param removedAt the first of those checks (the removal happened between {@code lastOnlineAt} and this)
 * @param lastOnlineAt the last check that found it online, or null when none did
 */
public record UrlWentOffline(
        UrlId urlId,
        @Nullable Long noticeId,
        Instant removedAt,
        @Nullable Instant lastOnlineAt,
        CheckResult how) {}

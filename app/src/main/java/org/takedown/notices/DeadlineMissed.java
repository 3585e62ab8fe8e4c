package org.takedown.notices;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.takedown.attribution.CompanyId;
import org.takedown.intake.UrlId;

/**
 * URLs of a notice were still online 48 hours after it was sent: the hosting company missed the deadline. The
 * enforcement authority's case management listens.
 */
public record DeadlineMissed(
        NoticeId noticeId,
        @Nullable CompanyId companyId,
        String company,
        Instant sentAt,
        Instant missedAt,
        List<UrlId> urlIds) {}

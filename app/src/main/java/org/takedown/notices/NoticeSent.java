package org.takedown.notices;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.takedown.attribution.CompanyId;
import org.takedown.intake.UrlId;

/**
 * A notice went out to a hosting company (or was put in its portal): from now on its URLs are checked until they are
 * gone, and the 24-hour norm runs from {@code sentAt}.
 */
public record NoticeSent(
        NoticeId noticeId, @Nullable CompanyId companyId, String company, Instant sentAt, List<NoticedUrl> urls) {

    /** One URL of a notice. */
    public record NoticedUrl(UrlId urlId, String url) {}
}

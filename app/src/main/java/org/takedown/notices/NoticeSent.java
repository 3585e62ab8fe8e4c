package org.takedown.notices;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A notice went out to a hosting company (or was put in its portal): from now on its URLs are checked until they are
 * gone, and the 24-hour norm runs from {@code sentAt}.
 */
public record NoticeSent(
        long noticeId, @Nullable Long companyId, String company, Instant sentAt, List<NoticedUrl> urls) {

    /** One URL of a notice. */
    public record NoticedUrl(long urlId, String url) {}
}

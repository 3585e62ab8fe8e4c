package org.takedown.notices;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.takedown.attribution.CompanyId;
import org.takedown.intake.UrlId;
import org.takedown.probing.Probes;
import org.takedown.shared.security.HosterAccess;

/**
 * What a hosting company sees of its notices (the portal and the hoster API): each URL with the checks' latest status,
 * its answers and its figures. Every call checks that the current user or key acts for the company. Thread-safe.
 */
@Service
public class HosterView {

    /** A URL of a notice with its checks. */
    public record Url(
            long urlId,
            String url,
            @Nullable String probeState,
            @Nullable String lastResult,
            @Nullable Instant lastCheckedAt,
            @Nullable Instant removedAt,
            @Nullable String closedReason,
            @Nullable String response) {}

    /** A notice with the time left to the 24-hour norm. */
    public record Notice(
            long id,
            String state,
            @Nullable Instant sentAt,
            @Nullable Instant deadline,
            List<Url> urls) {

        /** True while a URL of it is neither removed nor closed. */
        public boolean open() {
            return urls.stream().anyMatch(u -> u.removedAt() == null && u.closedReason() == null);
        }
    }

    private final Notices notices;
    private final Probes probes;

    HosterView(Notices notices, Probes probes) {
        this.notices = notices;
        this.probes = probes;
    }

    /** The company's notices, newest first. */
    public List<Notice> notices(long companyId, int limit) {
        HosterAccess.requireCompany(companyId);
        List<Notice> out = new ArrayList<>();
        List<Notices.CompanyNotice> found = notices.forCompany(companyId, limit);
        // the statuses of every URL on the page in one query, not one per URL
        var statuses = probes.statuses(found.stream()
                .flatMap(n -> n.urls().stream())
                .map(u -> new UrlId(u.urlId()))
                .toList());
        for (Notices.CompanyNotice notice : found) {
            List<Url> urls = new ArrayList<>();
            for (Notices.NoticeUrl url : notice.urls()) {
                Probes.Status status = statuses.get(url.urlId());
                urls.add(new Url(
                        url.urlId(),
                        url.url(),
                        status == null ? null : status.state(),
                        status == null ? null : status.lastResult(),
                        status == null ? null : status.lastCheckedAt(),
                        url.removedAt(),
                        url.closedReason(),
                        url.response()));
            }
            out.add(new Notice(notice.id(), notice.state(), notice.sentAt(), notice.deadline(), urls));
        }
        return out;
    }

    /** The checks of one of the company's URLs. */
    public List<Probes.Check> checks(long companyId, long noticeId, long urlId) {
        HosterAccess.requireCompany(companyId);
        boolean ours = notices.forCompany(companyId, 1000).stream()
                .filter(n -> n.id() == noticeId)
                .flatMap(n -> n.urls().stream())
                .anyMatch(u -> u.urlId() == urlId);
        if (!ours) {
            throw new org.takedown.shared.errors.NotFoundException(
                    "no URL " + urlId + " in notice " + noticeId + " of your company");
        }
        return probes.history(new UrlId(urlId), 200);
    }

    /** The company's figures. */
    public Notices.Figures figures(long companyId) {
        HosterAccess.requireCompany(companyId);
        return notices.figures(companyId);
    }

    /** Records the company's answer about a URL, for the hotline to review. */
    public void respond(long companyId, long noticeId, long urlId, Notices.Response kind, @Nullable String reason) {
        HosterAccess.requireCompany(companyId);
        notices.respond(new CompanyId(companyId), new NoticeId(noticeId), new UrlId(urlId), kind, reason);
    }
}

package org.takedown.notices;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.takedown.probing.Probes;

/**
 * Ties notices to the online checks, in the transaction of each event: a sent notice's URLs are watched from its
 * sending (a URL the checks found gone is removed from its notices by {@code internal.UrlRemovals}). The checks know
 * nothing of notices.
 */
@Component
class ChecksOfNotices {

    private final Probes probes;
    private final Notices notices;

    ChecksOfNotices(Probes probes, Notices notices) {
        this.probes = probes;
        this.notices = notices;
    }

    @EventListener
    void on(NoticeSent sent) {
        probes.watch(
                sent.noticeId().value(),
                sent.sentAt(),
                sent.urls().stream()
                        .map(u -> new Probes.Watched(u.urlId(), u.url()))
                        .toList());
    }
}

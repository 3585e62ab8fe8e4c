package org.takedown.notices.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.attribution.UrlAttributed;
import org.takedown.notices.Queue;
import org.takedown.notices.Route;
import org.takedown.shared.audit.AuditLog;
import org.takedown.triage.UrlAssessed;

/**
 * Routes URLs on the events of assessment and attribution, in the transaction that produced them (so a route is never
 * lost and never made twice): records what the event says, decides the route again, and when it changed closes the
 * open route with the reason and opens the new one. A URL that moves to another company or country after it was
 * routed is audited. Thread-safe.
 */
@Component
class Router {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    Router(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    @EventListener
    void on(UrlAssessed assessed) {
        jdbc.sql("""
                        INSERT INTO routed_url (url_id, url, host, assessment, reason, assessed_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (url_id) DO UPDATE SET url = EXCLUDED.url, assessment = EXCLUDED.assessment,
                            reason = EXCLUDED.reason, assessed_at = EXCLUDED.assessed_at""")
                .params(
                        assessed.urlId().value(),
                        assessed.normalized(),
                        assessed.host(),
                        assessed.assessment().name(),
                        assessed.reason(),
                        Timestamp.from(clock.instant()))
                .update();
        route(assessed.urlId().value(), "assessed " + assessed.assessment());
    }

    @EventListener
    void on(UrlAttributed attributed) {
        boolean assessed = jdbc.sql("""
                        INSERT INTO routed_url (url_id, host, company_id, company, abuse_contact, hosted_in, ips,
                                                attributed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (url_id) DO UPDATE SET company_id = EXCLUDED.company_id,
                            company = EXCLUDED.company, abuse_contact = EXCLUDED.abuse_contact,
                            hosted_in = EXCLUDED.hosted_in, ips = EXCLUDED.ips, attributed_at = EXCLUDED.attributed_at
                        RETURNING assessment IS NOT NULL""")
                .params(
                        attributed.urlId().value(),
                        attributed.host(),
                        attributed.hostingCompanyId() == null
                                ? null
                                : attributed.hostingCompanyId().value(),
                        attributed.hostingCompany(),
                        attributed.abuseContact(),
                        attributed.hostedIn(),
                        String.join(", ", attributed.ips()),
                        Timestamp.from(clock.instant()))
                .query(Boolean.class)
                .single();
        if (!assessed) {
            return; // only assessed URLs are ever routed: nothing to open or close yet
        }
        route(
                attributed.urlId().value(),
                "hosted by " + Objects.requireNonNullElse(attributed.hostingCompany(), "an unknown company") + " in "
                        + Objects.requireNonNullElse(attributed.hostedIn(), "an unknown country"));
    }

    private void route(long urlId, String why) {
        Route wanted = jdbc.sql("SELECT assessment, hosted_in, company_id, company FROM routed_url WHERE url_id = ?"
                        + " FOR UPDATE")
                .param(urlId)
                .query((rs, n) -> Route.of(rs.getString(1), rs.getString(2), (Long) rs.getObject(3), rs.getString(4)))
                .optional()
                .orElse(null);
        @Nullable
        Route current = jdbc.sql("SELECT queue, country, company_id, company FROM route"
                        + " WHERE url_id = ? AND closed_at IS NULL")
                .param(urlId)
                .query((rs, n) -> new Route(
                        Queue.valueOf(rs.getString(1)), rs.getString(2), (Long) rs.getObject(3), rs.getString(4)))
                .optional()
                .orElse(null);
        if (current == null && wanted == null || current != null && wanted != null && current.samePlace(wanted)) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (current != null) {
            jdbc.sql("UPDATE route SET closed_at = ?, closed_reason = ? WHERE url_id = ? AND closed_at IS NULL")
                    .params(now, why, urlId)
                    .update();
            // the company it was notified to is no longer the one to act: its notice lets go of the URL
            jdbc.sql("UPDATE notice_url SET closed_at = ?, closed_reason = ? WHERE url_id = ? AND closed_at IS NULL")
                    .params(now, why, urlId)
                    .update();
            NoticeClosing.afterUrl(jdbc, urlId, now.toInstant());
        }
        if (wanted != null) {
            jdbc.sql("""
                            INSERT INTO route (url_id, queue, country, company_id, company, opened_at)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(urlId, wanted.queue().name(), wanted.country(), wanted.companyId(), wanted.company(), now)
                    .update();
        }
        if (current != null) {
            audit.record(
                    "system:routing",
                    "url.rerouted",
                    "url:" + urlId,
                    Map.of("from", describe(current), "to", wanted == null ? "nowhere" : describe(wanted), "why", why));
        }
    }

    private static String describe(Route route) {
        return route.queue() + " " + Objects.requireNonNullElse(route.country(), "??") + " "
                + Objects.requireNonNullElse(route.company(), "unknown company");
    }
}

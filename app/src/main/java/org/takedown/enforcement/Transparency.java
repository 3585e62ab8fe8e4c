package org.takedown.enforcement;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.attribution.HostingCompanies;
import org.takedown.intake.UrlId;
import org.takedown.notices.Notices;
import org.takedown.probing.Probes;
import org.takedown.shared.errors.InvalidRequestException;

/**
 * What a provider needs from Takedown for its own DSA duties: its article 15(1) figures on the hotline's notices and
 * the authority's orders, and a statement of reasons per URL it removed in the EU Transparency Database's layout.
 * Both come from the checks (when the URL was found gone), never from what the provider typed. Thread-safe.
 */
@Component
class Transparency {

    /** The type of illegal content every notice and order here concerns. */
    static final String TYPE = "child_sexual_abuse_material";

    /** Longest period one request covers. */
    static final int MAX_DAYS = 366;

    private static final String NOTICE_GROUND =
            "Article 240b of the Dutch Criminal Code (Wetboek van Strafrecht): child sexual abuse material";

    private final JdbcClient jdbc;
    private final Notices notices;
    private final HostingCompanies companies;
    private final Probes probes;

    Transparency(JdbcClient jdbc, Notices notices, HostingCompanies companies, Probes probes) {
        this.probes = probes;
        this.jdbc = jdbc;
        this.notices = notices;
        this.companies = companies;
    }

    private record OrderedUrl(
            long orderId,
            long urlId,
            String url,
            String legalBasis,
            Instant deliveredAt,
            @Nullable Boolean compliant,
            @Nullable Instant removedAt) {}

    DsaFigures figures(long companyId, LocalDate from, LocalDate to) {
        String provider = companies.get(companyId).name();
        List<Notices.NotifiedUrl> notified = notices.notifiedUrls(companyId, start(from, to), end(to));
        List<Double> toAction = new ArrayList<>();
        long noticeCount = notified.stream()
                .mapToLong(Notices.NotifiedUrl::noticeId)
                .distinct()
                .count();
        for (Notices.NotifiedUrl u : notified) {
            if (u.removedAt() != null) {
                toAction.add(hours(u.sentAt(), u.removedAt()));
            }
        }
        List<OrderedUrl> ordered = ordered(companyId, from, to);
        List<Double> toEffect = new ArrayList<>();
        long given = 0;
        for (OrderedUrl u : ordered) {
            if (Boolean.TRUE.equals(u.compliant())) {
                given++;
                if (u.removedAt() != null) {
                    toEffect.add(hours(u.deliveredAt(), u.removedAt()));
                }
            }
        }
        long orders = ordered.stream().mapToLong(OrderedUrl::orderId).distinct().count();
        return new DsaFigures(
                companyId,
                provider,
                from,
                to,
                new DsaFigures.NoticeFigures(
                        noticeCount,
                        Map.of(TYPE, (long) notified.size()),
                        notified.size(),
                        toAction.size(),
                        SanctionRegister.median(toAction)),
                new DsaFigures.OrderFigures(
                        orders,
                        Map.of(TYPE, orders),
                        orders == 0 ? Map.of() : Map.of("NL", orders),
                        ordered.size(),
                        given,
                        SanctionRegister.median(toEffect)));
    }

    List<StatementOfReasons> statements(long companyId, LocalDate from, LocalDate to) {
        List<StatementOfReasons> statements = new ArrayList<>();
        for (Notices.NotifiedUrl u : notices.notifiedUrls(companyId, start(from, to), end(to))) {
            if (u.removedAt() != null) {
                statements.add(statement(
                        "takedown-notice-" + u.noticeId() + "-url-" + u.urlId(),
                        u.url(),
                        NOTICE_GROUND,
                        "SOURCE_TRUSTED_FLAGGER",
                        "the hotline's notice " + u.noticeId(),
                        u.sentAt(),
                        u.removedAt()));
            }
        }
        List<OrderedUrl> ordered = ordered(companyId, from, to);
        var statuses = probes.statuses(ordered.stream()
                .filter(u -> u.removedAt() == null)
                .map(u -> new UrlId(u.urlId()))
                .toList());
        for (OrderedUrl u : ordered) {
            // removed by the deadline, or later: the checks found it gone either way
            Probes.Status status = statuses.get(u.urlId());
            Instant removed = u.removedAt() != null ? u.removedAt() : status == null ? null : status.removedAt();
            if (removed != null) {
                statements.add(statement(
                        "takedown-order-" + u.orderId() + "-url-" + u.urlId(),
                        u.url(),
                        u.legalBasis(),
                        "SOURCE_TYPE_OTHER_NOTIFICATION",
                        "the authority's order " + u.orderId(),
                        u.deliveredAt(),
                        removed));
            }
        }
        return statements;
    }

    private static StatementOfReasons statement(
            String puid, String url, String ground, String source, String by, Instant received, Instant removed) {
        return new StatementOfReasons(
                puid,
                List.of("DECISION_VISIBILITY_CONTENT_REMOVED"),
                "DECISION_GROUND_ILLEGAL_CONTENT",
                ground,
                "The content at " + url + " was assessed as child sexual abuse material and notified by " + by + ".",
                "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
                List.of("KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL"),
                List.of(contentType(url)),
                source,
                by,
                "No",
                "AUTOMATED_DECISION_NOT_AUTOMATED",
                received.atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                removed.atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                "Removed after " + by + "; the removal was established by Takedown's checks at " + removed + ".",
                url);
    }

    /** The content type from the URL's file name: video for the usual video extensions, an image otherwise. */
    static String contentType(String url) {
        String path = url.toLowerCase(Locale.ROOT).replaceFirst("[?#].*$", "");
        for (String ext : List.of(".mp4", ".webm", ".mov", ".mkv", ".avi", ".m4v", ".3gp")) {
            if (path.endsWith(ext)) {
                return "CONTENT_TYPE_VIDEO";
            }
        }
        return "CONTENT_TYPE_IMAGE";
    }

    private List<OrderedUrl> ordered(long companyId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT d.id, u.url_id, u.url, d.legal_basis, d.delivered_at, u.compliant, u.removed_at
                        FROM enforcement_decision d JOIN enforcement_case c ON c.id = d.case_id
                        JOIN enforcement_order_url u ON u.decision_id = d.id
                        WHERE c.company_id = ? AND d.kind = 'ORDER' AND d.state = 'SIGNED'
                          AND d.addressee_kind = 'HOSTER' AND d.delivered_at >= ? AND d.delivered_at < ?
                        ORDER BY d.delivered_at, u.url_id""")
                .params(companyId, Timestamp.from(start(from, to)), Timestamp.from(end(to)))
                .query((rs, n) -> new OrderedUrl(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        (Boolean) rs.getObject(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
                .list();
    }

    private static Instant start(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw InvalidRequestException.because("monitor.refused.backwards", to.toString(), from.toString());
        }
        if (from.plusDays(MAX_DAYS - 1L).isBefore(to)) {
            throw InvalidRequestException.because("enforcement.refused.period", MAX_DAYS);
        }
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant end(LocalDate to) {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static double hours(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds()) / 3600.0;
    }
}

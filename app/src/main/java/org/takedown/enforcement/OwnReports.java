package org.takedown.enforcement;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.attribution.UrlAttributions;
import org.takedown.intake.Channel;
import org.takedown.intake.ReportReceipt;
import org.takedown.intake.Reports;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;

/**
 * The authority's own reports: URLs from the police, other authorities or its own search, registered through the
 * intake's own channel for the authority (so the same attribution and checks apply and the hotline never triages
 * them), listed with the provider the attribution found. Thread-safe.
 */
@Component
class OwnReports {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final Reports reports;
    private final UrlAttributions attributions;

    OwnReports(JdbcClient jdbc, Clock clock, AuditLog audit, Reports reports, UrlAttributions attributions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.reports = reports;
        this.attributions = attributions;
    }

    long register(@Nullable String url, OwnReport.Origin origin, @Nullable String reference) {
        String text = Required.text(url, "enforcement.refused.own.url");
        ReportReceipt receipt = reports.submit(
                Channel.AUTHORITY, Reports.AUTHORITY_SOURCE, reference, origin.name(), null, List.of(text));
        if (receipt.accepted().isEmpty()) {
            throw new InvalidRequestException(receipt.rejected().getFirst().url() + ": "
                    + receipt.rejected().getFirst().reason());
        }
        ReportReceipt.Accepted accepted = receipt.accepted().getFirst();
        jdbc.sql("""
                        INSERT INTO enforcement_own_report (url_id, url, origin, reference, registered_by, registered_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url_id) DO NOTHING""")
                .params(
                        accepted.urlId(),
                        accepted.normalized(),
                        origin.name(),
                        reference == null || reference.isBlank() ? null : reference.strip(),
                        Actors.current(),
                        Timestamp.from(clock.instant()))
                .update();
        audit.record(
                "enforcement.own-report",
                "url:" + accepted.urlId(),
                Map.of("origin", origin.name(), "url", accepted.normalized()));
        return accepted.urlId();
    }

    /** Every own report, newest first, with the provider its latest attribution found. */
    List<OwnReport> all() {
        List<OwnReport> bare = jdbc.sql("""
                        SELECT url_id, url, origin, reference, registered_by, registered_at
                        FROM enforcement_own_report ORDER BY registered_at DESC, url_id DESC LIMIT 500""")
                .query((rs, n) -> new OwnReport(
                        rs.getLong(1),
                        rs.getString(2),
                        OwnReport.Origin.valueOf(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant(),
                        null,
                        null))
                .list();
        List<OwnReport> full = new ArrayList<>(bare.size());
        for (OwnReport r : bare) {
            UrlAttributions.Check latest =
                    attributions.history(r.urlId()).stream().findFirst().orElse(null);
            full.add(new OwnReport(
                    r.urlId(),
                    r.url(),
                    r.origin(),
                    r.reference(),
                    r.registeredBy(),
                    r.registeredAt(),
                    latest == null ? null : latest.hostingCompanyId(),
                    latest == null ? null : latest.hostingCompany()));
        }
        return full;
    }

    /** The own reports attributed to a provider, by URL id. */
    Map<Long, String> of(long companyId) {
        Map<Long, String> urls = new java.util.LinkedHashMap<>();
        for (OwnReport r : all()) {
            if (r.companyId() != null && r.companyId() == companyId) {
                urls.put(r.urlId(), r.url());
            }
        }
        return urls;
    }
}

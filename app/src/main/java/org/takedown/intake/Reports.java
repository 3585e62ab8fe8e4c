package org.takedown.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.TooLargeException;

/**
 * Takes reports of URLs from every channel: each URL is normalised, refused with a reason when it cannot be
 * followed, and otherwise opened as a case or joined to the open case of the same URL; the report stays linked to
 * each. One audit entry per report; a {@link UrlReported} event per URL taken. Thread-safe.
 */
@Service
public class Reports {

    /** Most URLs in one report. */
    public static final int MAX_URLS = 10_000;

    /** Longest reference and note kept. */
    static final int MAX_REFERENCE = 200;

    static final int MAX_NOTE = 4000;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Reports(JdbcClient jdbc, AuditLog audit, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /** The names of the known sources. */
    public List<String> sources() {
        return jdbc.sql("SELECT name FROM intake_source ORDER BY name")
                .query(String.class)
                .list();
    }

    /**
     * Takes a report.
     *
     * @throws TooLargeException over {@link #MAX_URLS} URLs
     * @throws InvalidRequestException for no URLs or an unknown source
     */
    @Transactional
    public ReportReceipt submit(
            Channel channel,
            String source,
            @Nullable String reference,
            @Nullable String note,
            @Nullable Instant receivedAt,
            List<String> urls) {
        if (urls.size() > MAX_URLS) {
            throw new TooLargeException("at most " + MAX_URLS + " URLs per report, not " + urls.size());
        }
        if (urls.isEmpty()) {
            throw new InvalidRequestException("a report needs at least one URL");
        }
        String sourceName = source == null ? "" : source.strip();
        if (!sources().contains(sourceName)) {
            throw new InvalidRequestException(
                    "unknown source '" + sourceName + "'; known sources: " + String.join(", ", sources()));
        }
        Instant now = clock.instant();
        String actor = Actors.current();
        long reportId = jdbc.sql("""
                        INSERT INTO report (channel, source, reference, note, received_at, submitted_by)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        channel.id(),
                        sourceName,
                        clip(reference, MAX_REFERENCE),
                        clip(note, MAX_NOTE),
                        Timestamp.from(receivedAt != null ? receivedAt : now),
                        actor)
                .query(Long.class)
                .single();
        List<ReportReceipt.Accepted> accepted = new ArrayList<>();
        List<ReportReceipt.Rejected> rejected = new ArrayList<>();
        Set<String> inThisReport = new LinkedHashSet<>();
        for (String text : urls) {
            ReportedUrl url;
            try {
                url = UrlNormalizer.normalize(text == null ? "" : text);
            } catch (UrlRejectedException e) {
                rejected.add(new ReportReceipt.Rejected(text, e.getMessage()));
                continue;
            }
            if (!inThisReport.add(url.normalized())) {
                rejected.add(new ReportReceipt.Rejected(text, "repeats an earlier URL of this report"));
                continue;
            }
            Map<String, Object> row = jdbc.sql("""
                            INSERT INTO reported_url (normalized, original, host, host_unicode, first_reported_at,
                                                      last_reported_at)
                            VALUES (?, ?, ?, ?, ?, ?)
                            ON CONFLICT (normalized) WHERE status = 'OPEN' DO UPDATE
                            SET last_reported_at = EXCLUDED.last_reported_at,
                                report_count = reported_url.report_count + 1
                            RETURNING id, (xmax = 0) AS inserted""")
                    .params(
                            url.normalized(),
                            url.original(),
                            url.host(),
                            url.hostUnicode(),
                            Timestamp.from(now),
                            Timestamp.from(now))
                    .query()
                    .singleRow();
            long urlId = ((Number) row.get("id")).longValue();
            boolean isNew = (Boolean) row.get("inserted");
            jdbc.sql("INSERT INTO report_url (report_id, url_id, original) VALUES (?, ?, ?)")
                    .params(reportId, urlId, url.original())
                    .update();
            accepted.add(new ReportReceipt.Accepted(text, urlId, url.normalized(), !isNew));
            events.publishEvent(new UrlReported(urlId, url.normalized(), url.host(), isNew));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("channel", channel.id());
        details.put("source", sourceName);
        details.put("urls", urls.size());
        details.put("new", accepted.stream().filter(a -> !a.duplicate()).count());
        details.put(
                "joined",
                accepted.stream().filter(ReportReceipt.Accepted::duplicate).count());
        details.put("rejected", rejected.size());
        audit.record(actor, "report.received", "report:" + reportId, details);
        return new ReportReceipt(reportId, accepted, rejected);
    }

    /** Number of reports that mentioned a URL case. */
    public int reportsOf(long urlId) {
        return jdbc.sql("SELECT count(*) FROM report_url WHERE url_id = ?")
                .param(urlId)
                .query(Integer.class)
                .single();
    }

    private static @Nullable String clip(@Nullable String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        return stripped.length() > max ? stripped.substring(0, max) : stripped;
    }
}

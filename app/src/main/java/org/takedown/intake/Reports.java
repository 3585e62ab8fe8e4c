package org.takedown.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;
import org.takedown.shared.errors.TooLargeException;
import org.takedown.shared.text.Text;

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

    /** URLs opened or joined per statement. */
    static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final JdbcTemplate jdbcTemplate;

    Reports(JdbcClient jdbc, JdbcTemplate jdbcTemplate, AuditLog audit, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /** The source of the authority's own reports, taken only by {@link Channel#AUTHORITY}. */
    public static final String AUTHORITY_SOURCE = "authority";

    /** The names of the known sources (the authority's own is not offered to anyone else). */
    public List<String> sources() {
        return jdbc.sql("SELECT name FROM intake_source WHERE name <> ? ORDER BY name")
                .param(AUTHORITY_SOURCE)
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
            throw InvalidRequestException.because("report.refused.no-url");
        }
        String actor = Actors.current();
        String from = channel == Channel.AUTHORITY ? authoritySource(source) : requireSource(source);
        ReportReceipt receipt = store(channel, from, reference, note, receivedAt, urls, actor);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("channel", channel.id());
        details.put("source", source.strip());
        details.put("urls", urls.size());
        details.put(
                "new", receipt.accepted().stream().filter(a -> !a.duplicate()).count());
        details.put(
                "joined",
                receipt.accepted().stream()
                        .filter(ReportReceipt.Accepted::duplicate)
                        .count());
        details.put("rejected", receipt.rejected().size());
        audit.record(actor, "report.received", "report:" + receipt.reportId(), details);
        return receipt;
    }

    private static String authoritySource(@Nullable String source) {
        if (!AUTHORITY_SOURCE.equals(source)) {
            throw new InvalidRequestException("the authority's reports come from source '" + AUTHORITY_SOURCE + "'");
        }
        return AUTHORITY_SOURCE;
    }

    /** The source name, checked against the known sources. */
    String requireSource(@Nullable String source) {
        String name = source == null ? "" : source.strip();
        List<String> known = sources();
        if (!known.contains(name)) {
            throw new InvalidRequestException(
                    "unknown source '" + name + "'; known sources: " + String.join(", ", known));
        }
        return name;
    }

    /**
     * Stores a report and its URLs without auditing (the caller audits): URLs are normalised, and opened or joined
     * to their open case a thousand at a time.
     */
    ReportReceipt store(
            Channel channel,
            String source,
            @Nullable String reference,
            @Nullable String note,
            @Nullable Instant receivedAt,
            List<String> urls,
            String actor) {
        Instant now = clock.instant();
        long reportId = jdbc.sql("""
                        INSERT INTO report (channel, source, reference, note, received_at, submitted_by)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        channel.id(),
                        source,
                        clip(reference, MAX_REFERENCE),
                        clip(note, MAX_NOTE),
                        Timestamp.from(receivedAt != null ? receivedAt : now),
                        actor)
                .query(Long.class)
                .single();
        List<ReportReceipt.Rejected> rejected = new ArrayList<>();
        Map<String, ReportedUrl> taken = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (String text : urls) {
            try {
                ReportedUrl url = UrlNormalizer.normalize(text == null ? "" : text);
                if (taken.putIfAbsent(url.normalized(), url) != null) {
                    rejected.add(new ReportReceipt.Rejected(text, Text.of("url.rejected.repeated")));
                } else {
                    texts.put(url.normalized(), text);
                }
            } catch (UrlRejectedException e) {
                rejected.add(new ReportReceipt.Rejected(text, e.text()));
            }
        }
        List<ReportReceipt.Accepted> accepted = new ArrayList<>(taken.size());
        List<ReportedUrl> all = new ArrayList<>(taken.values());
        for (int from = 0; from < all.size(); from += BATCH) {
            List<ReportedUrl> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            Map<String, long[]> ids = upsert(batch, now);
            List<Object[]> links = new ArrayList<>(batch.size());
            for (ReportedUrl url : batch) {
                long[] idAndNew = ids.get(url.normalized());
                links.add(new Object[] {reportId, idAndNew[0], url.original()});
                accepted.add(new ReportReceipt.Accepted(
                        texts.get(url.normalized()), idAndNew[0], url.normalized(), idAndNew[1] == 0));
                events.publishEvent(new UrlReported(
                        new UrlId(idAndNew[0]), url.normalized(), url.host(), idAndNew[1] == 1, channel));
            }
            jdbcTemplate.batchUpdate("INSERT INTO report_url (report_id, url_id, original) VALUES (?, ?, ?)", links);
        }
        return new ReportReceipt(reportId, accepted, rejected);
    }

    /** Opens or joins the cases of distinct normalised URLs in one statement; normalised URL to {id, new ? 1 : 0}. */
    private Map<String, long[]> upsert(List<ReportedUrl> batch, Instant now) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO reported_url (normalized, original, host, host_unicode, first_reported_at,"
                        + " last_reported_at) VALUES ");
        List<Object> params = new ArrayList<>(batch.size() * 6);
        Timestamp at = Timestamp.from(now);
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
            ReportedUrl url = batch.get(i);
            params.addAll(List.of(url.normalized(), url.original(), url.host(), url.hostUnicode(), at, at));
        }
        sql.append(" ON CONFLICT (normalized) WHERE status = 'OPEN' DO UPDATE"
                + " SET last_reported_at = EXCLUDED.last_reported_at, report_count = reported_url.report_count + 1"
                + " RETURNING id, normalized, (xmax = 0) AS inserted");
        Map<String, long[]> ids = new LinkedHashMap<>();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            ids.put(rs.getString("normalized"), new long[] {rs.getLong("id"), rs.getBoolean("inserted") ? 1 : 0});
        });
        return ids;
    }

    /** Number of reports received in [{@code from}, {@code to}). */
    public long countReceived(Instant from, Instant to) {
        return jdbc.sql("SELECT count(*) FROM report WHERE received_at >= ? AND received_at < ?")
                .params(java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
                .query(Long.class)
                .single();
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

    /** Sets four eyes for a source: assessments of its URLs need a supervisor's confirmation. */
    @Transactional
    public void setFourEyes(String source, boolean fourEyes) {
        if (jdbc.sql("UPDATE intake_source SET four_eyes = ? WHERE name = ?")
                        .params(fourEyes, source)
                        .update()
                == 0) {
            throw new NotFoundException("no source '" + source + "'");
        }
        audit.record("source.four-eyes", "source:" + source, Map.of("fourEyes", fourEyes));
    }
}

package org.takedown.probing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.takedown.intake.UrlId;

/** What the online checks found: the state of each watched URL and its checks. Thread-safe. */
@Service
public class Probes {

    /**
     * A watched URL.
     *
     * @param state WATCHING, REMOVED, or EXPIRED (still online when the watch ended)
     * @param removedAt when it went offline (the first check of the run that proved it), or null
     * @param lastOnlineAt the last check that found it online, or null
     */
    public record Status(
            long urlId,
            String url,
            Instant notifiedAt,
            String state,
            int checks,
            @Nullable String lastResult,
            @Nullable Instant lastCheckedAt,
            @Nullable Instant lastOnlineAt,
            @Nullable Instant removedAt) {}

    /** One check. */
    public record Check(
            Instant checkedAt,
            CheckResult result,
            @Nullable Integer httpStatus,
            @Nullable String detail) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    Probes(JdbcClient jdbc, JdbcTemplate batches) {
        this.batches = batches;
        this.jdbc = jdbc;
    }

    /** The status of a watched URL. */
    public Optional<Status> status(UrlId urlId) {
        return jdbc.sql(SELECT + " WHERE url_id = ?")
                .param(urlId.value())
                .query(Probes::map)
                .optional();
    }

    /** The statuses of many watched URLs in one query, by URL id (URLs not watched are absent). */
    public java.util.Map<Long, Status> statuses(java.util.Collection<UrlId> urlIds) {
        java.util.Map<Long, Status> statuses = new java.util.HashMap<>();
        if (urlIds.isEmpty()) {
            return statuses;
        }
        Long[] ids = urlIds.stream().map(UrlId::value).distinct().toArray(Long[]::new);
        jdbc.sql(SELECT + " WHERE url_id = ANY(?)")
                .param(ids)
                .query(Probes::map)
                .list()
                .forEach(s -> statuses.put(s.urlId(), s));
        return statuses;
    }

    /** Every watched URL, in the order they were notified (for exports of what was measured). */
    public List<Status> all() {
        return jdbc.sql(SELECT + " ORDER BY notified_at, url_id")
                .query(Probes::map)
                .list();
    }

    /**
     * The URLs notified in [{@code from}, {@code to}) whose content (the same SHA-256 as first seen) had already been
     * removed at another URL before: known material uploaded again.
     */
    public List<Long> reuploads(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT t.url_id FROM probe_target t
                        WHERE t.notified_at >= ? AND t.notified_at < ? AND t.fingerprint_sha256 IS NOT NULL
                          AND EXISTS (SELECT 1 FROM probe_target e
                                      WHERE e.fingerprint_sha256 = t.fingerprint_sha256 AND e.url_id <> t.url_id
                                        AND e.removed_at IS NOT NULL AND e.removed_at < t.notified_at)
                        ORDER BY t.url_id""")
                .params(java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
                .query(Long.class)
                .list();
    }

    /**
     * Checks these URLs at the short interval from {@code from} until {@code until}, and once at it (an order's deadline),
     * whatever phase of their schedule they are in; a URL whose watch had ended is watched again. Removed URLs stay
     * removed.
     *
     * @return how many URLs are watched closely
     */
    public int watchClosely(List<UrlId> urlIds, Instant from, Instant until) {
        return jdbc.sql("""
                        UPDATE probe_target SET state = 'WATCHING',
                            close_watch_until = greatest(coalesce(close_watch_until, CAST(? AS timestamptz)), ?),
                            next_check_at = least(next_check_at, ?)
                        WHERE url_id = ANY(CAST(? AS bigint[])) AND state <> 'REMOVED'""")
                .params(
                        java.sql.Timestamp.from(until),
                        java.sql.Timestamp.from(until),
                        java.sql.Timestamp.from(from),
                        "{"
                                + String.join(
                                        ",",
                                        urlIds.stream()
                                                .map(u -> Long.toString(u.value()))
                                                .toList()) + "}")
                .update();
    }

    /** A URL to watch, as it was notified. */
    public record Watched(UrlId urlId, String url) {}

    /**
     * Starts watching notified URLs until they are gone, the first check due at once; a URL watched before starts
     * again from this notification. Joins the caller's transaction.
     *
     * @param noticeId the notification the watch follows (kept with the checks, given back in {@link UrlWentOffline})
     */
    public void watch(long noticeId, Instant notifiedAt, List<Watched> urls) {
        Timestamp at = Timestamp.from(notifiedAt);
        batches.batchUpdate(
                """
                INSERT INTO probe_target (url_id, url, notice_id, notified_at, next_check_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (url_id) DO UPDATE SET notice_id = EXCLUDED.notice_id, notified_at = EXCLUDED.notified_at,
                    next_check_at = EXCLUDED.next_check_at, state = 'WATCHING', streak = 0,
                    first_conclusive_at = NULL, removed_at = NULL""",
                urls.stream()
                        .map(u -> new Object[] {u.urlId().value(), u.url(), noticeId, at, at})
                        .toList());
    }

    /**
     * Starts watching URLs that are not watched yet, without a notice (the authority's own reports named in an
     * order), the first check due at {@code from}; URLs watched already keep their watch. Joins the caller's
     * transaction.
     */
    public void watchIfNew(Instant from, List<Watched> urls) {
        Timestamp at = Timestamp.from(from);
        batches.batchUpdate(
                """
                INSERT INTO probe_target (url_id, url, notice_id, notified_at, next_check_at)
                VALUES (?, ?, NULL, ?, ?) ON CONFLICT (url_id) DO NOTHING""",
                urls.stream()
                        .map(u -> new Object[] {u.urlId().value(), u.url(), at, at})
                        .toList());
    }

    /** A URL's checks, newest first. */
    public List<Check> history(UrlId urlId, int limit) {
        return jdbc.sql("SELECT checked_at, result, http_status, detail FROM probe_check WHERE url_id = ?"
                        + " ORDER BY checked_at DESC, id DESC LIMIT ?")
                .params(urlId.value(), limit)
                .query((rs, n) -> new Check(
                        rs.getTimestamp(1).toInstant(),
                        CheckResult.valueOf(rs.getString(2)),
                        (Integer) rs.getObject(3),
                        rs.getString(4)))
                .list();
    }

    private static final String SELECT = "SELECT url_id, url, notified_at, state, checks, last_result,"
            + " last_checked_at, last_online_at, removed_at FROM probe_target";

    private static Status map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Status(
                rs.getLong(1),
                rs.getString(2),
                rs.getTimestamp(3).toInstant(),
                rs.getString(4),
                rs.getInt(5),
                rs.getString(6),
                instant(rs.getTimestamp(7)),
                instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(9)));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

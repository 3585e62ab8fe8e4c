package org.takedown.notices;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;

/**
 * The queues that assessed URLs are routed to, and the hand-over of referrals and police reports: an export takes
 * every URL of a queue (and country) not handed over yet, marks them sent, and keeps its contents so it can be
 * downloaded again. Routing itself happens on events (see the internal router). Thread-safe.
 */
@Service
public class Routing {

    /** How many open URLs a queue holds per country (referrals) or company (notices), and how many wait to be sent. */
    public record QueueCount(
            Queue queue, @Nullable String country, @Nullable String company, long open, long unsent) {}

    /** A hand-over of a queue's URLs. */
    public record Export(
            long id, Queue queue, @Nullable String country, Instant createdAt, String createdBy, int urls) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    Routing(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** The open routes per queue and country; for the notice queue per company. */
    public List<QueueCount> counts() {
        return jdbc.sql("""
                        SELECT queue, country, CASE WHEN queue = 'NOTICE' THEN company END AS company,
                               count(*) AS open, count(*) FILTER (WHERE export_id IS NULL) AS unsent
                        FROM route WHERE closed_at IS NULL
                        GROUP BY 1, 2, 3 ORDER BY 1, 2 NULLS FIRST, 3""")
                .query((rs, n) -> new QueueCount(
                        Queue.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)))
                .list();
    }

    /** Assessed illegal URLs that wait for attribution before they can be routed. */
    public long awaitingAttribution() {
        return jdbc.sql("SELECT count(*) FROM routed_url WHERE assessment IN ('BASELINE', 'NATIONAL')"
                        + " AND hosted_in IS NULL")
                .query(Long.class)
                .single();
    }

    /** The open URLs of a queue, optionally of one country, oldest first. */
    public List<RoutedUrl> open(Queue queue, @Nullable String country, int limit) {
        return jdbc.sql(SELECT + " WHERE r.closed_at IS NULL AND r.queue = ?"
                        + " AND (CAST(? AS TEXT) IS NULL OR r.country = ?) ORDER BY r.opened_at, r.id LIMIT ?")
                .params(queue.name(), country, country, limit)
                .query(Routing::map)
                .list();
    }

    /** Where a URL is routed now, if anywhere. */
    public @Nullable Route current(long urlId) {
        return jdbc.sql("SELECT queue, country, company_id, company FROM route WHERE url_id = ? AND closed_at IS NULL")
                .param(urlId)
                .query((rs, n) -> new Route(
                        Queue.valueOf(rs.getString(1)), rs.getString(2), (Long) rs.getObject(3), rs.getString(4)))
                .optional()
                .orElse(null);
    }

    /**
     * Hands over every unsent URL of a referral queue (of one country) or of the police queue: they are marked sent
     * in one export, which is audited.
     *
     * @throws InvalidRequestException for the notice queue (notices are sent per company) or when nothing is waiting
     */
    @Transactional
    public Export export(Queue queue, @Nullable String country) {
        if (queue == Queue.NOTICE) {
            throw InvalidRequestException.because("routing.refused.notices");
        }
        String place =
                country == null || country.isBlank() ? null : country.strip().toUpperCase(java.util.Locale.ROOT);
        if (queue == Queue.REFERRAL && place == null) {
            throw InvalidRequestException.because("routing.refused.country");
        }
        Instant now = clock.instant();
        String me = Actors.current();
        long id = jdbc.sql("INSERT INTO route_export (queue, country, created_at, created_by, urls)"
                        + " VALUES (?, ?, ?, ?, 0) RETURNING id")
                .params(queue.name(), place, Timestamp.from(now), me)
                .query(Long.class)
                .single();
        int urls = jdbc.sql("""
                        UPDATE route SET export_id = ?
                        WHERE closed_at IS NULL AND export_id IS NULL AND queue = ?
                          AND (CAST(? AS TEXT) IS NULL OR country = ?)""").params(id, queue.name(), place, place).update();
        if (urls == 0) {
            throw new InvalidRequestException(
                    "nothing waiting in the " + queue.name().toLowerCase(java.util.Locale.ROOT) + " queue"
                            + (place == null ? "" : " for " + place));
        }
        jdbc.sql("UPDATE route_export SET urls = ? WHERE id = ?")
                .params(urls, id)
                .update();
        audit.record(
                me,
                queue == Queue.POLICE ? "police.exported" : "referral.exported",
                "export:" + id,
                place == null ? Map.of("urls", urls) : Map.of("urls", urls, "country", place));
        return export(id);
    }

    /** One export. */
    public Export export(long id) {
        return jdbc.sql("SELECT id, queue, country, created_at, created_by, urls FROM route_export WHERE id = ?")
                .param(id)
                .query(Routing::mapExport)
                .optional()
                .orElseThrow(() -> new NotFoundException("no export " + id));
    }

    /** The exports, newest first. */
    public List<Export> exports(int limit) {
        return jdbc.sql("SELECT id, queue, country, created_at, created_by, urls FROM route_export"
                        + " ORDER BY id DESC LIMIT ?")
                .param(limit)
                .query(Routing::mapExport)
                .list();
    }

    /** The URLs an export handed over, as they were routed then. */
    public List<RoutedUrl> contents(long exportId) {
        export(exportId);
        return jdbc.sql(SELECT + " WHERE r.export_id = ? ORDER BY r.id")
                .param(exportId)
                .query(Routing::map)
                .list();
    }

    private static final String SELECT = """
            SELECT u.url_id, COALESCE(u.url, u.host) AS url, u.host, u.assessment, u.reason, u.assessed_at,
                   r.country, r.company, u.ips, r.opened_at
            FROM route r JOIN routed_url u ON u.url_id = r.url_id""";

    private static RoutedUrl map(ResultSet rs, int n) throws SQLException {
        Timestamp assessedAt = rs.getTimestamp("assessed_at");
        return new RoutedUrl(
                rs.getLong("url_id"),
                rs.getString("url"),
                rs.getString("host"),
                rs.getString("assessment"),
                rs.getString("reason"),
                assessedAt == null ? null : assessedAt.toInstant(),
                rs.getString("country"),
                rs.getString("company"),
                rs.getString("ips"),
                rs.getTimestamp("opened_at").toInstant());
    }

    private static Export mapExport(ResultSet rs, int n) throws SQLException {
        return new Export(
                rs.getLong(1),
                Queue.valueOf(rs.getString(2)),
                rs.getString(3),
                rs.getTimestamp(4).toInstant(),
                rs.getString(5),
                rs.getInt(6));
    }
}

package org.takedown.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.monitoring.MonitorReport.Bucket;
import org.takedown.monitoring.MonitorReport.MethodChange;
import org.takedown.monitoring.MonitorReport.Month;
import org.takedown.monitoring.MonitorReport.Removal;

/**
 * The monitor's aggregate queries over its own record of notified URLs ({@code monitor_url}), each for a period and a
 * scope (all, one company, one country). The queries of one report run side by side, at most three at once across all
 * reports. Thread-safe.
 */
@Component
class MonitorQueries {

    /** A period (both days included, UTC) and a scope: null company and country mean all. */
    record Scope(
            LocalDate from,
            LocalDate to,
            @Nullable String company,
            @Nullable String country) {}

    /** The overall figures: URLs, moved abroad, the buckets, median and 90th percentile. */
    record Totals(
            long urls,
            long moved,
            Removal removal,
            @Nullable Double median,
            @Nullable Double p90) {}

    /** One company's row of the per-company query. */
    record CompanyRow(
            String name,
            @Nullable Long id,
            @Nullable String country,
            long urls,
            long within,
            @Nullable Double median,
            long stillOnline) {}

    /** Distinct hosts, IP addresses and companies. */
    record Distinct(long hosts, long ips, long companies) {}

    /** Illegal URLs assessed in the period, hosted in the Netherlands and abroad. */
    record Illegal(long inNetherlands, long abroad) {}

    /** The URLs notified in the period within the scope, for the queries below. */
    private static final String SCOPE = """
            WITH n AS (
                SELECT url_id, url, host, ip, notified_company AS company, notified_company_id AS company_id,
                       notified_country AS country, notified_at, removed_at, moved_abroad_at,
                       date_part('epoch', removed_at - notified_at) / 3600.0 AS hours
                FROM monitor_url
                WHERE notified_at >= ? AND notified_at < ?
                  AND (CAST(? AS text) IS NULL OR notified_company = ?)
                  AND (CAST(? AS text) IS NULL OR notified_country = ?))
            """;

    private static final String BUCKETS = """
            count(*) FILTER (WHERE hours < 24),
            count(*) FILTER (WHERE hours >= 24 AND hours < 48),
            count(*) FILTER (WHERE hours >= 48),
            count(*) FILTER (WHERE removed_at IS NULL),
            percentile_cont(0.5) WITHIN GROUP (ORDER BY hours)""";

    private final JdbcClient jdbc;
    private final ExecutorService queries = Executors.newFixedThreadPool(
            3, Thread.ofPlatform().name("monitor-query-", 0).daemon().factory());

    MonitorQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @jakarta.annotation.PreDestroy
    void close() {
        queries.shutdownNow();
    }

    /** Runs a query beside the others of a report. */
    <T> Future<T> async(Callable<T> query) {
        return queries.submit(query);
    }

    static <T> T await(Future<T> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the monitor's figures", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    Totals totals(Scope q) {
        return jdbc.sql(SCOPE + "SELECT count(*), count(*) FILTER (WHERE moved_abroad_at IS NOT NULL), " + BUCKETS
                        + ", percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) FROM n")
                .params(params(q))
                .query((rs, n) -> new Totals(
                        rs.getLong(1), rs.getLong(2), removal(rs, 3, rs.getLong(1)), hours(rs, 7), hours(rs, 8)))
                .single();
    }

    /** Distinct values by hashing (count(DISTINCT) would sort a million rows for each). */
    Distinct distinct(Scope q) {
        return jdbc.sql(SCOPE + """
                        SELECT (SELECT count(*) FROM (SELECT DISTINCT host FROM n) d),
                               (SELECT count(*) FROM (SELECT DISTINCT ip FROM n WHERE ip IS NOT NULL) d),
                               (SELECT count(*) FROM (SELECT DISTINCT company FROM n WHERE company IS NOT NULL) d)""")
                .params(params(q))
                .query((rs, n) -> new Distinct(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }

    /** Per company, most URLs first. */
    List<CompanyRow> companies(Scope q) {
        return jdbc.sql(SCOPE
                        + "SELECT company, min(company_id), min(country), count(*), count(*) FILTER (WHERE hours < 24),"
                        + " percentile_cont(0.5) WITHIN GROUP (ORDER BY hours),"
                        + " count(*) FILTER (WHERE removed_at IS NULL)"
                        + " FROM n GROUP BY company ORDER BY count(*) DESC, company")
                .params(params(q))
                .query((rs, n) -> new CompanyRow(
                        Objects.requireNonNullElse(rs.getString(1), "(unknown)"),
                        (Long) rs.getObject(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        hours(rs, 6),
                        rs.getLong(7)))
                .list();
    }

    /** Every change of method, oldest first. */
    List<MethodChange> methodChanges() {
        return jdbc.sql("SELECT changed_at, description FROM monitor_method_change ORDER BY changed_at")
                .query((rs, n) -> new MethodChange(rs.getTimestamp(1).toInstant(), rs.getString(2)))
                .list();
    }

    /** Per month of notification, each with the method changes made in it. */
    List<Month> months(Scope q, List<MethodChange> changes) {
        return jdbc.sql(SCOPE
                        + "SELECT to_char(notified_at AT TIME ZONE 'UTC', 'YYYY-MM') AS m, count(*), " + BUCKETS
                        + " FROM n GROUP BY m ORDER BY m")
                .params(params(q))
                .query((rs, n) -> {
                    String month = rs.getString(1);
                    String change = changes.stream()
                            .filter(c ->
                                    c.at().atZone(ZoneOffset.UTC).toString().startsWith(month))
                            .map(MethodChange::description)
                            .reduce((a, b) -> a + "; " + b)
                            .orElse(null);
                    return new Month(month, rs.getLong(2), removal(rs, 3, rs.getLong(2)), hours(rs, 7), change);
                })
                .list();
    }

    /** Illegal URLs by the day of their assessment (not of their notice). */
    Illegal illegal(Scope q) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE hosted_in = 'NL'),
                               count(*) FILTER (WHERE hosted_in IS NOT NULL AND hosted_in <> 'NL')
                        FROM monitor_url WHERE illegal AND assessed_at >= ? AND assessed_at < ?
                          AND (CAST(? AS text) IS NULL OR company = ?)
                          AND (CAST(? AS text) IS NULL OR hosted_in = ?)""")
                .params(params(q))
                .query((rs, n) -> new Illegal(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    /** How many of {@code urlIds} are within the scope. */
    long countInScope(Scope q, List<Long> urlIds) {
        return jdbc.sql(SCOPE + "SELECT count(*) FROM n WHERE url_id = ANY(CAST(? AS bigint[]))")
                .params(params(q, longArray(urlIds)))
                .query(Long.class)
                .single();
    }

    /** Every URL notified in the period (within the scope), oldest first, streamed to {@code each}. */
    @Transactional(readOnly = true)
    public void urls(Scope q, Consumer<Monitor.UrlRow> each) {
        jdbc.sql(SCOPE + "SELECT url_id, company, country, notified_at, removed_at, hours, moved_abroad_at IS NOT NULL"
                        + " FROM n ORDER BY notified_at, url_id")
                .params(params(q))
                .withFetchSize(1000)
                .query((ResultSet rs) -> each.accept(new Monitor.UrlRow(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                        hours(rs, 6),
                        rs.getBoolean(7))));
    }

    /** The id the monitor recorded for a company's name, or null. */
    @Nullable
    Long companyIdOf(String name) {
        return jdbc.sql("SELECT notified_company_id FROM monitor_url WHERE notified_company = ? LIMIT 1")
                .param(name)
                .query((rs, n) -> (Long) rs.getObject(1))
                .optional()
                .orElse(null);
    }

    /** The period and the scope (null: all; each scope is asked twice, for its IS NULL test and its match). */
    private static Object[] params(Scope q, Object... more) {
        Object[] params = new Object[6 + more.length];
        params[0] = start(q.from());
        params[1] = start(q.to().plusDays(1));
        params[2] = q.company();
        params[3] = q.company();
        params[4] = q.country();
        params[5] = q.country();
        System.arraycopy(more, 0, params, 6, more.length);
        return params;
    }

    private static Timestamp start(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static String longArray(List<Long> values) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : ",").append(values.get(i));
        }
        return text.append('}').toString();
    }

    private static Removal removal(ResultSet rs, int column, long urls) throws SQLException {
        return new Removal(
                bucket(rs.getLong(column), urls),
                bucket(rs.getLong(column + 1), urls),
                bucket(rs.getLong(column + 2), urls),
                bucket(rs.getLong(column + 3), urls));
    }

    private static Bucket bucket(long count, long of) {
        return new Bucket(count, share(count, of));
    }

    static double share(long count, long of) {
        return of == 0 ? 0 : Math.round(count * 10_000.0 / of) / 10_000.0;
    }

    private static @Nullable Double hours(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : round(value);
    }

    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    /** The standing of each notified company over the URLs notified from {@code from} (included) to {@code to}. */
    java.util.List<Monitor.Standing> standings(
            java.time.Instant from, java.time.Instant to, java.time.Duration norm, java.time.Instant now) {
        return jdbc.sql("""
                        SELECT notified_company_id, max(notified_company), count(*),
                               count(*) FILTER (WHERE removed_at IS NOT NULL
                                                   OR notified_at + CAST(? AS interval) <= ?),
                               count(*) FILTER (WHERE removed_at <= notified_at + CAST(? AS interval)),
                               count(*) FILTER (WHERE removed_at IS NULL),
                               COALESCE(max(extract(epoch FROM COALESCE(removed_at, ?) - notified_at)), 0)
                        FROM monitor_url
                        WHERE notified_at >= ? AND notified_at < ? AND notified_company_id IS NOT NULL
                        GROUP BY notified_company_id ORDER BY notified_company_id""")
                .params(
                        norm.toSeconds() + " seconds",
                        java.sql.Timestamp.from(now),
                        norm.toSeconds() + " seconds",
                        java.sql.Timestamp.from(now),
                        java.sql.Timestamp.from(from),
                        java.sql.Timestamp.from(to))
                .query((rs, n) -> new Monitor.Standing(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        java.time.Duration.ofSeconds(Math.max(0, rs.getLong(7)))))
                .list();
    }
}

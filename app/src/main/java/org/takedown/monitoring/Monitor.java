package org.takedown.monitoring;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.takedown.attribution.HostingCompanies;
import org.takedown.intake.Reports;
import org.takedown.monitoring.MonitorReport.Bucket;
import org.takedown.monitoring.MonitorReport.Company;
import org.takedown.monitoring.MonitorReport.Counts;
import org.takedown.monitoring.MonitorReport.MethodChange;
import org.takedown.monitoring.MonitorReport.Month;
import org.takedown.monitoring.MonitorReport.Removal;
import org.takedown.monitoring.MonitorReport.Share;
import org.takedown.monitoring.internal.Ledger;
import org.takedown.notices.Notices;
import org.takedown.probing.Probes;
import org.takedown.probing.ProbingProperties;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;

/**
 * The hosting monitor's figures for any period, for all companies or one company or country: counts, concentration,
 * removal speed, per company and per month ({@link MonitorReport}). Computed from the monitor's own record of every
 * notified URL in a few aggregate queries, and cached per question until the record changes (and for at most a
 * minute, for changes made by other instances). Thread-safe.
 */
@Service
public class Monitor {

    /** Longest period one report covers. */
    public static final int MAX_DAYS = 3_660;

    /** Longest period one list of URLs covers (a year, leap or not): longer lists are asked year by year. */
    public static final int MAX_URL_LIST_DAYS = 366;

    private static final Duration MAX_AGE = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Ledger ledger;
    private final Reports reports;
    private final Notices notices;
    private final Probes probes;
    private final HostingCompanies companies;
    private final ProbingProperties probing;
    private final org.springframework.beans.factory.ObjectProvider<PublishedSanctions> sanctions;
    private final AuditLog audit;
    private final Cache<Question, Answer> cache =
            Caffeine.newBuilder().maximumSize(256).build();

    Monitor(
            JdbcClient jdbc,
            Clock clock,
            Ledger ledger,
            Reports reports,
            Notices notices,
            Probes probes,
            HostingCompanies companies,
            ProbingProperties probing,
            org.springframework.beans.factory.ObjectProvider<PublishedSanctions> sanctions,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ledger = ledger;
        this.reports = reports;
        this.notices = notices;
        this.probes = probes;
        this.companies = companies;
        this.probing = probing;
        this.sanctions = sanctions;
        this.audit = audit;
    }

    private record Question(
            LocalDate from,
            LocalDate to,
            @Nullable String company,
            @Nullable String country) {}

    private record Answer(long version, Instant at, MonitorReport report) {}

    /**
     * The figures of the URLs notified from {@code from} to {@code to} (both days included, UTC), limited to one
     * hosting company and/or hosting country when given.
     */
    public MonitorReport report(LocalDate from, LocalDate to, @Nullable String company, @Nullable String country) {
        checkPeriod(from, to, MAX_DAYS, "a report");
        Question question = new Question(from, to, blankToNull(company), blankToNull(country));
        long version = ledger.version();
        Instant now = clock.instant();
        Answer cached = cache.getIfPresent(question);
        if (cached != null
                && cached.version() == version
                && cached.at().plus(MAX_AGE).isAfter(now)
                && !cached.at().isAfter(now)) {
            return cached.report();
        }
        MonitorReport report = compute(question);
        cache.put(question, new Answer(version, now, report));
        return report;
    }

    private static void checkPeriod(LocalDate from, LocalDate to, int maxDays, String what) {
        if (to.isBefore(from)) {
            throw new InvalidRequestException("the period ends (" + to + ") before it starts (" + from + ")");
        }
        if (from.plusDays(maxDays - 1L).isBefore(to)) {
            throw new InvalidRequestException(what + " covers at most " + maxDays + " days");
        }
    }

    /**
     * Refuses a period too long for one public list of URLs (the operator's CLI may export any period).
     *
     * @throws InvalidRequestException when the period is reversed or longer than {@link #MAX_URL_LIST_DAYS}
     */
    public static void checkUrlListPeriod(LocalDate from, LocalDate to) {
        checkPeriod(from, to, MAX_URL_LIST_DAYS, "a list of URLs");
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The URLs notified in the period within the question's scope, for the queries below. */
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

    /** The period and the scope (null: all; each scope is asked twice, for its IS NULL test and its match). */
    private Object[] scopeParams(Question q, Object... more) {
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

    private static final String BUCKETS = """
            count(*) FILTER (WHERE hours < 24),
            count(*) FILTER (WHERE hours >= 24 AND hours < 48),
            count(*) FILTER (WHERE hours >= 48),
            count(*) FILTER (WHERE removed_at IS NULL),
            percentile_cont(0.5) WITHIN GROUP (ORDER BY hours)""";

    /** The report's queries run side by side, at most this many at once across all reports. */
    private final java.util.concurrent.ExecutorService queries = java.util.concurrent.Executors.newFixedThreadPool(
            3, Thread.ofPlatform().name("monitor-query-", 0).daemon().factory());

    @jakarta.annotation.PreDestroy
    void close() {
        queries.shutdownNow();
    }

    private <T> java.util.concurrent.Future<T> async(java.util.concurrent.Callable<T> query) {
        return queries.submit(query);
    }

    private static <T> T await(java.util.concurrent.Future<T> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the monitor's figures", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The overall figures: URLs, moved abroad, the buckets, median and 90th percentile. */
    private record Totals(
            long urls,
            long moved,
            Removal removal,
            @Nullable Double median,
            @Nullable Double p90) {}

    /** One company's row of the per-company query. */
    private record CompanyRow(
            String name,
            @Nullable Long id,
            @Nullable String country,
            long urls,
            long within,
            @Nullable Double median,
            long stillOnline) {}

    private MonitorReport compute(Question q) {
        Instant from = start(q.from()).toInstant();
        Instant to = start(q.to().plusDays(1)).toInstant();
        var totalsResult = async(() -> jdbc.sql(SCOPE + "SELECT count(*),"
                        + " count(*) FILTER (WHERE moved_abroad_at IS NOT NULL), " + BUCKETS + ","
                        + " percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) FROM n")
                .params(scopeParams(q))
                .query((rs, n) -> new Totals(
                        rs.getLong(1), rs.getLong(2), removal(rs, 3, rs.getLong(1)), hours(rs, 7), hours(rs, 8)))
                .single());
        // distinct values by hashing (count(DISTINCT) would sort a million rows for each)
        var distinctResult = async(() -> jdbc.sql(SCOPE + """
                        SELECT (SELECT count(*) FROM (SELECT DISTINCT host FROM n) d),
                               (SELECT count(*) FROM (SELECT DISTINCT ip FROM n WHERE ip IS NOT NULL) d),
                               (SELECT count(*) FROM (SELECT DISTINCT company FROM n WHERE company IS NOT NULL) d)""")
                .params(scopeParams(q))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .single());
        var companyResult = async(() -> jdbc.sql(SCOPE
                        + "SELECT company, min(company_id), min(country), count(*), count(*) FILTER (WHERE hours < 24),"
                        + " percentile_cont(0.5) WITHIN GROUP (ORDER BY hours),"
                        + " count(*) FILTER (WHERE removed_at IS NULL)"
                        + " FROM n GROUP BY company ORDER BY count(*) DESC, company")
                .params(scopeParams(q))
                .query((rs, n) -> new CompanyRow(
                        Objects.requireNonNullElse(rs.getString(1), "(unknown)"),
                        (Long) rs.getObject(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        hours(rs, 6),
                        rs.getLong(7)))
                .list());
        List<MethodChange> changes = jdbc.sql(
                        "SELECT changed_at, description FROM monitor_method_change ORDER BY changed_at")
                .query((rs, n) -> new MethodChange(rs.getTimestamp(1).toInstant(), rs.getString(2)))
                .list();
        var monthlyResult = async(() -> jdbc.sql(SCOPE
                        + "SELECT to_char(notified_at AT TIME ZONE 'UTC', 'YYYY-MM') AS m, count(*), " + BUCKETS
                        + " FROM n GROUP BY m ORDER BY m")
                .params(scopeParams(q))
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
                .list());
        var illegalResult = async(() -> jdbc.sql("""
                        SELECT count(*) FILTER (WHERE hosted_in = 'NL'),
                               count(*) FILTER (WHERE hosted_in IS NOT NULL AND hosted_in <> 'NL')
                        FROM monitor_url WHERE illegal AND assessed_at >= ? AND assessed_at < ?
                          AND (CAST(? AS text) IS NULL OR company = ?)
                          AND (CAST(? AS text) IS NULL OR hosted_in = ?)""")
                .params(scopeParams(q))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single());
        var reuploadResult = async(() -> {
            List<Long> reuploaded = probes.reuploads(from, to);
            if (reuploaded.isEmpty() || (q.company() == null && q.country() == null)) {
                return (long) reuploaded.size();
            }
            return jdbc.sql(SCOPE + "SELECT count(*) FROM n WHERE url_id = ANY(CAST(? AS bigint[]))")
                    .params(scopeParams(q, longArray(reuploaded)))
                    .query(Long.class)
                    .single();
        });
        long reportCount = reports.countReceived(from, to);

        Totals totals = await(totalsResult);
        long urls = totals.urls();
        List<Company> perCompany = new ArrayList<>();
        for (CompanyRow row : await(companyResult)) {
            String country = row.country();
            long announced = 0;
            if (row.id() != null) {
                org.takedown.attribution.HostingCompany registered = companies.get(row.id());
                country = registered.country();
                announced = companies.announcedIpv4(registered);
            }
            perCompany.add(new Company(
                    row.name(),
                    country,
                    row.urls(),
                    row.within(),
                    share(row.within(), row.urls()),
                    row.median(),
                    row.stillOnline(),
                    announced,
                    announced == 0 ? null : round(row.urls() * 1000.0 / announced)));
        }
        List<Share> ranking = perCompany.stream()
                .map(c -> new Share(c.name(), c.urls(), share(c.urls(), urls)))
                .toList();
        long top4 = ranking.stream().limit(4).mapToLong(Share::urls).sum();
        Long companyId =
                q.company() == null ? null : perCompany.isEmpty() ? Long.valueOf(-1) : companyIdOf(q.company());
        Notices.Acknowledgements acknowledgements = notices.acknowledgements(from, to, companyId);
        long[] distinct = await(distinctResult);
        long[] illegal = await(illegalResult);

        return new MonitorReport(
                new MonitorReport.Period(q.from(), q.to()),
                clock.instant(),
                q.company() != null ? q.company() : q.country(),
                new Counts(
                        reportCount,
                        urls,
                        distinct[0],
                        distinct[1],
                        distinct[2],
                        illegal[0],
                        illegal[1],
                        totals.moved(),
                        await(reuploadResult)),
                ranking.subList(0, Math.min(5, ranking.size())),
                share(top4, urls),
                ranking,
                totals.removal(),
                totals.median(),
                totals.p90(),
                probing.schedule().interval().toMinutes(),
                acknowledgements.notices() == 0
                        ? null
                        : share(acknowledgements.acknowledged(), acknowledgements.notices()),
                perCompany,
                await(monthlyResult),
                changes.stream()
                        .filter(c -> !c.at().isBefore(from) && c.at().isBefore(to))
                        .toList(),
                sanctions.stream()
                        .flatMap(s -> s.published(q.from(), q.to()).stream())
                        .toList(),
                audit.latest(1).stream()
                        .map(e -> new MonitorReport.AuditHead(e.id(), e.hash(), e.occurredAt()))
                        .findFirst()
                        .orElse(null));
    }

    /**
     * One notified URL as open data: no URL, host or address (a list of them would point to the material), only the
     * monitor's number for it, the company, the times and what became of it.
     */
    public record UrlRow(
            long urlId,
            @Nullable String company,
            @Nullable String country,
            Instant notifiedAt,
            @Nullable Instant removedAt,
            @Nullable Double removalHours,
            boolean movedAbroad) {}

    /** Every URL notified in the period (within the scope), oldest first, streamed to {@code each}. */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public void urls(
            LocalDate from,
            LocalDate to,
            @Nullable String company,
            @Nullable String country,
            java.util.function.Consumer<UrlRow> each) {
        Question q = new Question(from, to, blankToNull(company), blankToNull(country));
        jdbc.sql(SCOPE + "SELECT url_id, company, country, notified_at, removed_at, hours, moved_abroad_at IS NOT NULL"
                        + " FROM n ORDER BY notified_at, url_id")
                .params(scopeParams(q))
                .withFetchSize(1000)
                .query((ResultSet rs) -> each.accept(new UrlRow(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                        hours(rs, 6),
                        rs.getBoolean(7))));
    }

    private @Nullable Long companyIdOf(String name) {
        return jdbc.sql("SELECT notified_company_id FROM monitor_url WHERE notified_company = ? LIMIT 1")
                .param(name)
                .query((rs, n) -> (Long) rs.getObject(1))
                .optional()
                .orElse(null);
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

    private static double share(long count, long of) {
        return of == 0 ? 0 : Math.round(count * 10_000.0 / of) / 10_000.0;
    }

    private static @Nullable Double hours(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : round(value);
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}

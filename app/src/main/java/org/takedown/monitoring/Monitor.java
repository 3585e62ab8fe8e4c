package org.takedown.monitoring;

import static org.takedown.monitoring.MonitorQueries.await;
import static org.takedown.monitoring.MonitorQueries.round;
import static org.takedown.monitoring.MonitorQueries.share;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.takedown.attribution.HostingCompanies;
import org.takedown.intake.Reports;
import org.takedown.monitoring.MonitorQueries.Scope;
import org.takedown.monitoring.MonitorReport.Company;
import org.takedown.monitoring.MonitorReport.Counts;
import org.takedown.monitoring.MonitorReport.MethodChange;
import org.takedown.monitoring.MonitorReport.Share;
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

    private final MonitorQueries queries;
    private final Clock clock;
    private final Ledger ledger;
    private final Reports reports;
    private final Notices notices;
    private final Probes probes;
    private final HostingCompanies companies;
    private final ProbingProperties probing;
    private final org.springframework.beans.factory.ObjectProvider<PublishedSanctions> sanctions;
    private final AuditLog audit;
    private final Cache<Scope, Answer> cache =
            Caffeine.newBuilder().maximumSize(256).build();

    Monitor(
            MonitorQueries queries,
            Clock clock,
            Ledger ledger,
            Reports reports,
            Notices notices,
            Probes probes,
            HostingCompanies companies,
            ProbingProperties probing,
            org.springframework.beans.factory.ObjectProvider<PublishedSanctions> sanctions,
            AuditLog audit) {
        this.queries = queries;
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

    private record Answer(long version, Instant at, MonitorReport report) {}

    /**
     * The figures of the URLs notified from {@code from} to {@code to} (both days included, UTC), limited to one
     * hosting company and/or hosting country when given.
     */
    public MonitorReport report(LocalDate from, LocalDate to, @Nullable String company, @Nullable String country) {
        checkPeriod(from, to, MAX_DAYS, "monitor.refused.report-days");
        Scope question = new Scope(from, to, blankToNull(company), blankToNull(country));
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

    private static void checkPeriod(LocalDate from, LocalDate to, int maxDays, String tooLong) {
        if (to.isBefore(from)) {
            throw InvalidRequestException.because("monitor.refused.backwards", to.toString(), from.toString());
        }
        if (from.plusDays(maxDays - 1L).isBefore(to)) {
            throw InvalidRequestException.because(tooLong, maxDays);
        }
    }

    /**
     * Refuses a period too long for one public list of URLs (the operator's CLI may export any period).
     *
     * @throws InvalidRequestException when the period is reversed or longer than {@link #MAX_URL_LIST_DAYS}
     */
    public static void checkUrlListPeriod(LocalDate from, LocalDate to) {
        checkPeriod(from, to, MAX_URL_LIST_DAYS, "monitor.refused.list-days");
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
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
    public void urls(
            LocalDate from,
            LocalDate to,
            @Nullable String company,
            @Nullable String country,
            java.util.function.Consumer<UrlRow> each) {
        queries.urls(new Scope(from, to, blankToNull(company), blankToNull(country)), each);
    }

    private MonitorReport compute(Scope q) {
        Instant from = q.from().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = q.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        var totalsResult = queries.async(() -> queries.totals(q));
        var distinctResult = queries.async(() -> queries.distinct(q));
        var companyResult = queries.async(() -> queries.companies(q));
        List<MethodChange> changes = queries.methodChanges();
        var monthlyResult = queries.async(() -> queries.months(q, changes));
        var illegalResult = queries.async(() -> queries.illegal(q));
        var reuploadResult = queries.async(() -> reuploads(q, from, to));
        long reportCount = reports.countReceived(from, to);

        MonitorQueries.Totals totals = await(totalsResult);
        long urls = totals.urls();
        List<Company> perCompany =
                await(companyResult).stream().map(this::company).toList();
        List<Share> ranking = perCompany.stream()
                .map(c -> new Share(c.name(), c.urls(), share(c.urls(), urls)))
                .toList();
        long top4 = ranking.stream().limit(4).mapToLong(Share::urls).sum();
        Long companyId =
                q.company() == null ? null : perCompany.isEmpty() ? Long.valueOf(-1) : queries.companyIdOf(q.company());
        Notices.Acknowledgements acknowledgements = notices.acknowledgements(from, to, companyId);
        MonitorQueries.Distinct distinct = await(distinctResult);
        MonitorQueries.Illegal illegal = await(illegalResult);
        return new MonitorReport(
                new MonitorReport.Period(q.from(), q.to()),
                clock.instant(),
                q.company() != null ? q.company() : q.country(),
                new Counts(
                        reportCount,
                        urls,
                        distinct.hosts(),
                        distinct.ips(),
                        distinct.companies(),
                        illegal.inNetherlands(),
                        illegal.abroad(),
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
                auditHead());
    }

    /** Notified URLs in the period found online again after their removal (within the scope). */
    private long reuploads(Scope q, Instant from, Instant to) {
        List<Long> reuploaded = probes.reuploads(from, to);
        if (reuploaded.isEmpty() || (q.company() == null && q.country() == null)) {
            return reuploaded.size();
        }
        return queries.countInScope(q, reuploaded);
    }

    /**
     * How one company treated the URLs notified to it in a period.
     *
     * @param judged the URLs whose norm has passed or that were removed already (a URL notified an hour ago is not
     *     judged yet)
     * @param withinNorm removed within the norm after their notice
     * @param longestOnline the longest time one of them was online after its notice (until now when still online)
     */
    public record Standing(
            long companyId,
            String company,
            long urls,
            long judged,
            long withinNorm,
            long stillOnline,
            Duration longestOnline) {}

    /**
     * Every notified company's standing over the URLs notified from {@code from} to {@code to} (the authority's
     * watch list reads it), measured against the removal {@code norm}.
     */
    public List<Standing> standings(Instant from, Instant to, Duration norm) {
        return queries.standings(from, to, norm, clock.instant());
    }

    /** A company's row with what the registry knows of it: its country and its announced IPv4 addresses. */
    private Company company(MonitorQueries.CompanyRow row) {
        String country = row.country();
        long announced = 0;
        if (row.id() != null) {
            org.takedown.attribution.HostingCompany registered = companies.get(row.id());
            country = registered.country();
            announced = companies.announcedIpv4(registered);
        }
        return new Company(
                row.name(),
                country,
                row.urls(),
                row.within(),
                share(row.within(), row.urls()),
                row.median(),
                row.stillOnline(),
                announced,
                announced == 0 ? null : round(row.urls() * 1000.0 / announced));
    }

    private MonitorReport.@Nullable AuditHead auditHead() {
        return audit.latest(1).stream()
                .map(e -> new MonitorReport.AuditHead(e.id(), e.hash(), e.occurredAt()))
                .findFirst()
                .orElse(null);
    }
}

package org.takedown.enforcement;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.monitoring.Monitor;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.text.Text;

/**
 * The authority's watch list: every notified provider's standing over the rolling window (from the monitor's record
 * of removal times and the authority's record of breaches), flagged when a threshold of structural non-compliance is
 * crossed ({@link EnforcementProperties.Watch}). A flag becomes an enforcement candidate, unless the provider already
 * has an open candidate or case, or a flag of it was dismissed recently. Thread-safe.
 */
@Component
class WatchList {

    /** The advisory lock that lets one instance at a time turn flags into candidates. */
    static final long WATCH_LOCK = 7_261_013L;

    /** The authority's calendar, for months in a row. */
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Monitor monitor;
    private final EnforcementProperties.Watch watch;
    private final AuditLog audit;
    private volatile @Nullable Instant lastFlagged;

    WatchList(JdbcClient jdbc, Clock clock, Monitor monitor, EnforcementProperties properties, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.monitor = monitor;
        this.watch = properties.watch();
        this.audit = audit;
    }

    /** Every notified provider's standing now, flagged ones first, then by name. */
    List<ProviderStanding> standings() {
        Instant now = clock.instant();
        Instant from = now.minus(watch.window());
        Map<Long, Long> breaches = new HashMap<>();
        jdbc.sql("SELECT company_id, count(*) FROM enforcement_breach WHERE company_id IS NOT NULL AND sent_at >= ?"
                        + " GROUP BY company_id")
                .param(Timestamp.from(from))
                .query(rs -> {
                    breaches.put(rs.getLong(1), rs.getLong(2));
                });
        Map<Long, Integer> months = monthsInARow(now);
        List<ProviderStanding> standings = new ArrayList<>();
        for (Monitor.Standing s : monitor.standings(from, now, watch.norm())) {
            long breached = breaches.getOrDefault(s.companyId(), 0L);
            int run = months.getOrDefault(s.companyId(), 0);
            ProviderStanding unflagged = new ProviderStanding(
                    s.companyId(),
                    s.company(),
                    s.urls(),
                    s.judged(),
                    s.withinNorm(),
                    s.stillOnline(),
                    breached,
                    s.longestOnline(),
                    run,
                    List.of());
            standings.add(unflagged.withFlags(flags(unflagged)));
        }
        standings.sort(Comparator.comparing((ProviderStanding p) -> !p.flagged())
                .thenComparing(ProviderStanding::company, String.CASE_INSENSITIVE_ORDER));
        return standings;
    }

    /** The thresholds a standing crosses, each in words with the threshold. */
    List<Text> flags(ProviderStanding s) {
        List<Text> flags = new ArrayList<>();
        if (s.judged() >= watch.minUrls() && s.withinNormShare() < watch.minShareWithinNorm()) {
            flags.add(Text.of(
                    "watch.flag.share",
                    Math.round(s.withinNormShare() * 100),
                    s.judged(),
                    watch.norm().toHours(),
                    Math.round(watch.minShareWithinNorm() * 100),
                    watch.minUrls()));
        }
        if (s.longestOnline().compareTo(watch.maxOnline()) > 0) {
            flags.add(Text.of(
                    "watch.flag.online",
                    s.longestOnline().toHours(),
                    watch.maxOnline().toHours()));
        }
        if (s.monthsInARow() >= watch.monthsInARow()) {
            flags.add(Text.of("watch.flag.months", s.monthsInARow(), watch.monthsInARow()));
        }
        return flags;
    }

    /** Per provider, the longest run of consecutive months with breaches that ends in the window. */
    private Map<Long, Integer> monthsInARow(Instant now) {
        YearMonth last = YearMonth.from(now.atZone(ZONE));
        YearMonth windowStart = YearMonth.from(now.minus(watch.window()).atZone(ZONE));
        YearMonth first = windowStart.minusMonths(Math.max(0, watch.monthsInARow() - 1));
        Map<Long, TreeSet<YearMonth>> byCompany = new HashMap<>();
        jdbc.sql("SELECT company_id, breached_at FROM enforcement_breach WHERE company_id IS NOT NULL"
                        + " AND breached_at >= ?")
                .param(Timestamp.from(first.atDay(1).atStartOfDay(ZONE).toInstant()))
                .query(rs -> {
                    byCompany
                            .computeIfAbsent(rs.getLong(1), k -> new TreeSet<>())
                            .add(YearMonth.from(rs.getTimestamp(2).toInstant().atZone(ZONE)));
                });
        Map<Long, Integer> runs = new HashMap<>();
        byCompany.forEach((company, set) -> runs.put(company, longestRun(set, windowStart, last)));
        return runs;
    }

    /**
     * The longest run of consecutive months in {@code months} that ends from {@code windowStart} to {@code last}
     * (a run may begin before the window, so three months in a row are seen even when the window holds only part of
     * the first).
     */
    static int longestRun(java.util.SortedSet<YearMonth> months, YearMonth windowStart, YearMonth last) {
        int best = 0;
        int run = 0;
        YearMonth previous = null;
        for (YearMonth m : months) {
            run = previous != null && previous.plusMonths(1).equals(m) ? run + 1 : 1;
            previous = m;
            if (!m.isBefore(windowStart) && !m.isAfter(last)) {
                best = Math.max(best, run);
            }
        }
        return best;
    }

    /** The breaches of one provider, newest first. */
    List<Breach> breaches(long companyId, int limit) {
        return jdbc.sql("""
                        SELECT notice_id, url_id, url, sent_at, breached_at, checks, last_online_at, last_result
                        FROM enforcement_breach WHERE company_id = ? ORDER BY breached_at DESC, url_id LIMIT ?""")
                .params(companyId, limit)
                .query((rs, n) -> new Breach(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant(),
                        rs.getInt(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                        rs.getString(8)))
                .list();
    }

    /** When the watch list is next evaluated for flags. */
    @Nullable
    Instant nextDue() {
        Instant last = lastFlagged;
        return last == null ? clock.instant() : last.plus(watch.every());
    }

    /**
     * Puts each newly flagged provider before the officers as a candidate, with the reasons of its flag and its
     * breached URLs in the window. Runs at most once per {@code every} (by the clock); one instance at a time.
     *
     * @return how many candidates were added
     */
    int flag() {
        Instant now = clock.instant();
        Instant due = nextDue();
        if (due != null && due.isAfter(now)) {
            return 0;
        }
        lastFlagged = now;
        // one instance at a time: the lock is held until the transaction ends
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(WATCH_LOCK).query().singleRow();
        int added = 0;
        for (ProviderStanding s : standings()) {
            if (s.flagged() && !alreadyBefore(s.companyId(), now)) {
                addCandidate(s, now);
                added++;
            }
        }
        return added;
    }

    private boolean alreadyBefore(long companyId, Instant now) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM enforcement_candidate WHERE company_id = ? AND (state = 'OPEN'
                                         OR (state = 'DISMISSED' AND decided_at > ?)))
                            OR EXISTS (SELECT 1 FROM enforcement_case WHERE company_id = ? AND state = 'OPEN')""")
                .params(companyId, Timestamp.from(now.minus(watch.quietAfterDismissal())), companyId)
                .query(Boolean.class)
                .single();
    }

    private void addCandidate(ProviderStanding s, Instant now) {
        List<Long> urls = jdbc.sql(
                        "SELECT DISTINCT url_id FROM enforcement_breach WHERE company_id = ? AND sent_at >= ?"
                                + " ORDER BY url_id")
                .params(s.companyId(), Timestamp.from(now.minus(watch.window())))
                .query(Long.class)
                .list();
        long id = jdbc.sql("""
                        INSERT INTO enforcement_candidate (company_id, company, flagged_at, flags, url_ids)
                        VALUES (?, ?, ?, ?, CAST(? AS bigint[])) RETURNING id""")
                .params(
                        s.companyId(),
                        s.company(),
                        Timestamp.from(now),
                        String.join("\n", Text.english(s.flags())),
                        urls.toArray(Long[]::new))
                .query(Long.class)
                .single();
        audit.record(
                "system:enforcement",
                "enforcement.provider-flagged",
                "candidate:" + id,
                Map.of("company", s.company(), "flags", Text.english(s.flags())));
    }
}

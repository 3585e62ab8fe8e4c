package org.takedown.enforcement;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The public register of sanction decisions and the authority's yearly statistics. A penalty payment or fine appears
 * in the register after its sign-off and the publication delay (room for a court to stop it), unless it was decided
 * not to publish it, a court suspended its publication or it was annulled; a withdrawn decision stays, marked
 * withdrawn. Orders are not sanctions and are not published. Thread-safe.
 */
@Service
public class SanctionRegister {

    /**
     * A published decision.
     *
     * @param amount the fine, or the penalty payment's maximum; null for an order
     * @param forfeited a penalty payment's amount forfeited so far
     */
    public record Publication(
            long decisionId,
            String company,
            Decision.Kind kind,
            int version,
            Instant signedAt,
            Instant publishedAt,
            @Nullable BigDecimal amount,
            @Nullable BigDecimal forfeited,
            Decision.ObjectionStatus objectionStatus,
            @Nullable String objectionOutcome,
            @Nullable Instant withdrawnAt,
            @Nullable String withdrawnReason) {}

    /**
     * The authority's figures for a period (decisions signed in it).
     *
     * @param ordersComplied orders every URL of which was inaccessible by the deadline
     * @param medianHoursToComply median time from delivery to removal of the URLs removed by the deadline
     * @param publisher who the figures are of: the authority, never a provider (a provider's DSA figures are its own)
     */
    public record Statistics(
            LocalDate from,
            LocalDate to,
            long ordersIssued,
            long ordersChecked,
            long ordersComplied,
            double compliedShare,
            @Nullable Double medianHoursToComply,
            long penaltiesImposed,
            long penaltiesForfeited,
            BigDecimal forfeitedTotal,
            long fines,
            BigDecimal finesTotal,
            long publications,
            long withdrawals,
            String publisher) {}

    /** The label of the authority's own figures. */
    public static final String PUBLISHER =
            "the authority (enforcement of the removal of child sexual abuse material); not a provider's DSA report";

    private final Enforcement enforcement;
    private final Clock clock;

    SanctionRegister(Enforcement enforcement, Clock clock) {
        this.enforcement = enforcement;
        this.clock = clock;
    }

    /** The published decisions, newest first. */
    public List<Publication> published() {
        return published(enforcement.signedDecisions());
    }

    private List<Publication> published(List<Decision> signed) {
        Instant now = clock.instant();
        List<Publication> list = new ArrayList<>();
        for (Decision d : signed) {
            if (d.kind() == Decision.Kind.ORDER
                    || !d.publication().allowed()
                    || d.publishAfter() == null
                    || d.publishAfter().isAfter(now)) {
                continue;
            }
            list.add(new Publication(
                    d.id(),
                    d.addressee(),
                    d.kind(),
                    d.version(),
                    d.signedAt(),
                    d.publishAfter(),
                    d.kind() == Decision.Kind.FINE ? d.amount() : d.maxTotal(),
                    d.forfeited(),
                    d.objectionStatus(),
                    d.objectionOutcome(),
                    d.withdrawnAt(),
                    d.withdrawnReason()));
        }
        return list;
    }

    /** The figures of the decisions signed from {@code from} to {@code to} (days included, UTC). */
    public Statistics statistics(LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Decision> signed = enforcement.signedDecisions(); // read once: each decision costs a few queries
        Tally tally = new Tally();
        for (Decision d : signed) {
            if (!d.signedAt().isBefore(start) && d.signedAt().isBefore(end) && d.withdrawnAt() == null) {
                tally.add(d);
            }
        }
        Instant now = clock.instant();
        long publications = published(signed).stream()
                .filter(p -> !p.publishedAt().isBefore(start)
                        && p.publishedAt().isBefore(end)
                        && !p.publishedAt().isAfter(now))
                .count();
        long withdrawals = signed.stream()
                .filter(d -> d.withdrawnAt() != null
                        && !d.withdrawnAt().isBefore(start)
                        && d.withdrawnAt().isBefore(end))
                .count();
        return tally.statistics(from, to, publications, withdrawals);
    }

    /** Sums signed decisions into the figures; not thread-safe (one per computation). */
    private static final class Tally {
        private long orders;
        private long checked;
        private long complied;
        private long penalties;
        private long forfeitedCount;
        private long fines;
        private BigDecimal forfeited = BigDecimal.ZERO;
        private BigDecimal finesTotal = BigDecimal.ZERO;
        private final List<Double> hoursToComply = new ArrayList<>();

        void add(Decision d) {
            switch (d.kind()) {
                case ORDER -> addOrder(d);
                case PENALTY -> {
                    penalties++;
                    if (d.forfeited() != null && d.forfeited().signum() > 0) {
                        forfeitedCount++;
                        forfeited = forfeited.add(d.forfeited());
                    }
                }
                case FINE -> {
                    fines++;
                    finesTotal = finesTotal.add(d.amount());
                }
            }
        }

        private void addOrder(Decision d) {
            orders += d.supersedes() == null ? 1 : 0;
            if (d.checkedAt() == null) {
                return;
            }
            checked++;
            complied += d.urls().stream().allMatch(u -> Boolean.TRUE.equals(u.compliant())) ? 1 : 0;
            for (Decision.OrderUrl u : d.urls()) {
                if (Boolean.TRUE.equals(u.compliant()) && u.removedAt() != null && d.deliveredAt() != null) {
                    long seconds = Math.max(
                            0, Duration.between(d.deliveredAt(), u.removedAt()).toSeconds());
                    hoursToComply.add(seconds / 3600.0);
                }
            }
        }

        Statistics statistics(LocalDate from, LocalDate to, long publications, long withdrawals) {
            Double median = median(hoursToComply);
            return new Statistics(
                    from,
                    to,
                    orders,
                    checked,
                    complied,
                    checked == 0 ? 0 : Math.round(complied * 10_000.0 / checked) / 10_000.0,
                    median,
                    penalties,
                    forfeitedCount,
                    forfeited,
                    fines,
                    finesTotal,
                    publications,
                    withdrawals,
                    PUBLISHER);
        }
    }

    static @Nullable Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double m = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return Math.round(m * 100.0) / 100.0;
    }
}

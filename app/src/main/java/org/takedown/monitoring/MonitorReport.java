package org.takedown.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The hosting monitor's figures for a period, as {@code report.json} has them (docs/report-format.md). Shares are
 * fractions from 0 to 1; removal times are hours from the notice to the first check that found the URL gone, measured
 * to the resolution of the check interval. Immutable.
 *
 * @param scope the hosting company or country the figures are limited to, or null for all
 * @param counts what was reported and notified
 * @param top5 the five companies with the most URLs notified, with their share of all
 * @param top4Share the share of the four largest together
 * @param ranking every company by URLs notified
 * @param removal how fast notified URLs went offline
 * @param medianRemovalHours median time to removal of the removed URLs, null when none was removed
 * @param p90RemovalHours 90th percentile of the same
 * @param resolutionMinutes the check interval: removal times are known to within this
 * @param noticesAcknowledgedShare share of notices the company answered in the portal or API, null without notices
 * @param companies per hosting company
 * @param monthly the same per month of notice
 * @param methodChanges moments the way of measuring changed (the trends mark them)
 * @param sanctions the authority's decisions published in the register, signed in the period
 * @param auditHead the newest audit log entry when the report was made: published so that anyone who keeps it can
 *     later check that the log up to it was not rewritten ({@code takedown audit verify --expect HASH}); null when
 *     the log is empty
 */
public record MonitorReport(
        Period period,
        Instant generatedAt,
        @Nullable String scope,
        Counts counts,
        List<Share> top5,
        double top4Share,
        List<Share> ranking,
        Removal removal,
        @Nullable Double medianRemovalHours,
        @Nullable Double p90RemovalHours,
        long resolutionMinutes,
        @Nullable Double noticesAcknowledgedShare,
        List<Company> companies,
        List<Month> monthly,
        List<MethodChange> methodChanges,
        List<Sanction> sanctions,
        @Nullable AuditHead auditHead) {

    /** The audit log's newest entry: its number, its hash and when it was made. */
    public record AuditHead(long entry, String hash, Instant at) {}

    /**
     * A published sanction decision.
     *
     * @param kind ORDER, PENALTY or FINE
     * @param amount the fine, or the penalty payment's maximum; null for an order
     */
    public record Sanction(
            long decisionId,
            String company,
            LocalDate date,
            String kind,
            java.math.@Nullable BigDecimal amount,
            String objectionStatus,
            boolean withdrawn) {}

    /** The days covered, both included. */
    public record Period(LocalDate from, LocalDate to) {}

    /**
     * @param reports reports received
     * @param urlsNotified URLs in a notice sent in the period
     * @param domains distinct host names among them
     * @param ipAddresses distinct addresses among them
     * @param hostingCompanies distinct companies notified
     * @param illegalInNetherlands URLs assessed illegal in the period and hosted in the Netherlands
     * @param illegalAbroad the same, hosted abroad (referred to the foreign hotline or police)
     * @param movedAbroadAfterNotice notified URLs that turned up hosted abroad before they were removed
     * @param reuploads notified URLs whose content had been removed at another URL before
     */
    public record Counts(
            long reports,
            long urlsNotified,
            long domains,
            long ipAddresses,
            long hostingCompanies,
            long illegalInNetherlands,
            long illegalAbroad,
            long movedAbroadAfterNotice,
            long reuploads) {}

    /** A company's URLs and their share of all URLs notified. */
    public record Share(String company, long urls, double share) {}

    /** A number of URLs and its share of the URLs notified. */
    public record Bucket(long count, double share) {}

    /** Removal speed in the TU Delft buckets; still online includes URLs whose checks ended after 30 days. */
    public record Removal(Bucket within24h, Bucket between24And48h, Bucket over48h, Bucket stillOnline) {}

    /**
     * A hosting company's figures.
     *
     * @param within24hShare compliance with the 24-hour norm: share of its URLs removed within 24 hours
     * @param announcedIpv4 IPv4 addresses of its ASes and registered ranges, 0 when unknown
     * @param urlsPer1000Ips URLs per 1 000 of those addresses (the size-normalised ranking), null when unknown
     */
    public record Company(
            String name,
            @Nullable String country,
            long urls,
            long removedWithin24h,
            double within24hShare,
            @Nullable Double medianRemovalHours,
            long stillOnline,
            long announcedIpv4,
            @Nullable Double urlsPer1000Ips) {}

    /** The figures of one month (by the day of the notice). */
    public record Month(
            String month,
            long urls,
            Removal removal,
            @Nullable Double medianRemovalHours,
            @Nullable String methodChange) {}

    /** A change in the way of measuring. */
    public record MethodChange(Instant at, String description) {}
}

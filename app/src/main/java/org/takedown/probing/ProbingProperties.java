package org.takedown.probing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the prober fetches reported and notified URLs ({@code takedown.probing.*}).
 *
 * @param connectTimeout longest wait for a connection
 * @param readTimeout longest silence while reading a response
 * @param totalTimeout longest a whole fetch (all redirects, the whole body) may take
 * @param maxBody the most read of a body; a larger one is not hashed (it counts as "too large")
 * @param bodiesInFlight the most memory all bodies being read or looked at may take together, process-wide; a fetch
 *     that finds no room within its deadline ends as "busy" (inconclusive, tried again later)
 * @param maxRedirects redirects followed, each checked against the address rules like the first request
 * @param maxPerHost connections at the same time to one host
 * @param allowLoopback connect to loopback addresses: only for the simulation, whose simulated web runs there
 * @param userAgent the User-Agent header sent
 * @param firstLook look at the content of every newly reported URL (hash matches and a text summary for triage)
 * @param lease how long an instance holds the URLs it took to check; it renews the lease of its checks still running
 *     every {@code leaseRenewal}, so a crashed instance's URLs are checked by another after at most this long
 * @param leaseRenewal how often the leases of running checks are renewed; well below {@code lease}
 * @param schedule how often notified URLs are checked
 */
@ConfigurationProperties("takedown.probing")
public record ProbingProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("30s") Duration totalTimeout,
        @DefaultValue("25MB") DataSize maxBody,
        @DefaultValue("256MB") DataSize bodiesInFlight,
        @DefaultValue("5") int maxRedirects,
        @DefaultValue("4") int maxPerHost,
        @DefaultValue("false") boolean allowLoopback,

        @DefaultValue("Takedown-Probe/0.1 (hotline notice-and-takedown checks)")
        String userAgent,

        @DefaultValue("true") boolean firstLook,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("1s") Duration leaseRenewal,
        @DefaultValue Schedule schedule) {

    public ProbingProperties {
        if (leaseRenewal.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("takedown.probing.lease-renewal (" + leaseRenewal
                    + ") must be shorter than takedown.probing.lease (" + lease + ")");
        }
    }

    /**
     * When notified URLs are checked: every {@code interval} during {@code intensive} after the notice, then every
     * {@code laterInterval} until {@code watchFor} has passed; after a check that did not find the URL online, again
     * after {@code retry} until the removal rule settles.
     *
     * @param concurrency checks at the same time (virtual threads; per host at most {@code maxPerHost})
     */
    public record Schedule(
            @DefaultValue("15m") Duration interval,
            @DefaultValue("72h") Duration intensive,
            @DefaultValue("6h") Duration laterInterval,
            @DefaultValue("30d") Duration watchFor,
            @DefaultValue("5m") Duration retry,
            @DefaultValue("128") int concurrency) {

        /** The defaults. */
        public static Schedule standard() {
            return new Schedule(
                    Duration.ofMinutes(15),
                    Duration.ofHours(72),
                    Duration.ofHours(6),
                    Duration.ofDays(30),
                    Duration.ofMinutes(5),
                    128);
        }
    }
}

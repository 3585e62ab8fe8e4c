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
 * @param maxRedirects redirects followed, each checked against the address rules like the first request
 * @param maxPerHost connections at the same time to one host
 * @param allowLoopback connect to loopback addresses: only for the simulation, whose simulated web runs there
 * @param userAgent the User-Agent header sent
 * @param firstLook look at the content of every newly reported URL (hash matches and a text summary for triage)
 */
@ConfigurationProperties("takedown.probing")
public record ProbingProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("30s") Duration totalTimeout,
        @DefaultValue("25MB") DataSize maxBody,
        @DefaultValue("5") int maxRedirects,
        @DefaultValue("4") int maxPerHost,
        @DefaultValue("false") boolean allowLoopback,

        @DefaultValue("Takedown-Probe/0.1 (hotline notice-and-takedown checks)")
        String userAgent,

        @DefaultValue("true") boolean firstLook) {}

package org.takedown.shared.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Security settings.
 *
 * @param api API-key settings
 * @param login sign-in throttling
 * @param maxRequestSize largest request body accepted; larger ones get 413
 */
@ConfigurationProperties("takedown.security")
public record SecurityProperties(
        @DefaultValue Api api,
        @DefaultValue Login login,
        @DefaultValue("25MB") DataSize maxRequestSize) {

    /**
     * API keys.
     *
     * @param defaultRatePerMinute requests per minute of a key created without its own limit
     */
    public record Api(@DefaultValue("600") int defaultRatePerMinute) {}

    /**
     * Sign-in throttling: after {@code maxFailures} failed sign-ins for one account, or {@code maxFailuresPerAddress}
     * from one client address, within {@code window}, further attempts are refused until the window has passed.
     */
    public record Login(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("50") int maxFailuresPerAddress,
            @DefaultValue("15m") Duration window) {}
}

package org.takedown.enforcement;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the authority's case management ({@code takedown.enforcement.*}).
 *
 * @param publicationDelay how long after sign-off a decision waits before it appears in the public register, so that
 *     a court can stop its publication
 * @param checkInterval how often orders past their deadline are looked for
 * @param watch when the watch list flags a provider for structural non-compliance
 * @param documentLanguage the language decision documents are issued in ({@code nl} or {@code en}); a document is
 *     sealed once issued, so this applies to decisions signed after a change
 */
@ConfigurationProperties("takedown.enforcement")
public record EnforcementProperties(
        @DefaultValue("14d") Duration publicationDelay,
        @DefaultValue("30s") Duration checkInterval,
        @DefaultValue Watch watch,
        @DefaultValue("nl") Locale documentLanguage) {

    /**
     * The thresholds of structural non-compliance: a provider is flagged when any is crossed over the rolling window.
     *
     * @param window the rolling window of notices looked at
     * @param norm the removal norm after the notice
     * @param minUrls the share within the norm is judged only from this many URLs in the window
     * @param minShareWithinNorm flagged below this share of URLs removed within the norm
     * @param maxOnline flagged when any URL was online longer than this after its notice
     * @param monthsInARow flagged when it breached the norm in this many consecutive calendar months
     * @param every how often the watch list is evaluated
     * @param quietAfterDismissal a dismissed flag comes back as a candidate only after this long
     */
    public record Watch(
            @DefaultValue("90d") Duration window,
            @DefaultValue("24h") Duration norm,
            @DefaultValue("10") int minUrls,
            @DefaultValue("0.80") double minShareWithinNorm,
            @DefaultValue("72h") Duration maxOnline,
            @DefaultValue("3") int monthsInARow,
            @DefaultValue("1h") Duration every,
            @DefaultValue("30d") Duration quietAfterDismissal) {}
}

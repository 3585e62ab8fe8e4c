package org.takedown.enforcement;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the authority's case management ({@code takedown.enforcement.*}).
 *
 * @param publicationDelay how long after sign-off a decision waits before it appears in the public register, so that
 *     a court can stop its publication
 * @param checkInterval how often orders past their deadline are looked for
 */
@ConfigurationProperties("takedown.enforcement")
public record EnforcementProperties(
        @DefaultValue("14d") Duration publicationDelay,
        @DefaultValue("30s") Duration checkInterval) {}

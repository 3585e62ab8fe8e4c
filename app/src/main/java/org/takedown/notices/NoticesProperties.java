package org.takedown.notices;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notices are composed and sent ({@code takedown.notices.*}).
 *
 * @param window how long the URLs of one hosting company are collected into one notice
 * @param norm the sector's removal norm: a URL still online this long after its notice is a breach
 * @param remindEvery a reminder goes out this long after the notice, and again after each reminder, while URLs of it
 *     are still online
 * @param portalUrl the address of Takedown's portal, as the notices link to it
 * @param hotline who sends the notices (the X-ARF reporter and sender)
 * @param smtp the mail server that sends e-mail notices
 * @param retryAfter the pause after a failed delivery, doubled on each further failure up to an hour
 * @param webhooksToLoopback webhooks may go to loopback addresses (tests and demos only; never in production)
 */
@ConfigurationProperties("takedown.notices")
public record NoticesProperties(
        @DefaultValue("15m") Duration window,
        @DefaultValue("24h") Duration norm,
        @DefaultValue("24h") Duration remindEvery,
        @DefaultValue("http://localhost:8080") String portalUrl,
        @DefaultValue Hotline hotline,
        @DefaultValue Smtp smtp,
        @DefaultValue("1m") Duration retryAfter,
        @DefaultValue("false") boolean webhooksToLoopback) {

    /** The hotline that sends notices: its name, contact address and domain. */
    public record Hotline(
            @DefaultValue("Takedown hotline") String org,
            @DefaultValue("hotline@takedown.example") String contact,
            @DefaultValue("takedown.example") String domain) {}

    /** An SMTP server; without a host, e-mail notices wait in the outbox. */
    public record Smtp(
            @Nullable String host,
            @DefaultValue("25") int port,
            @Nullable String username,
            @Nullable String password,
            @DefaultValue("false") boolean starttls) {}
}

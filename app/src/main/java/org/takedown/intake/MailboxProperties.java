package org.takedown.intake;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hotline mailbox that reports arrive in.
 *
 * @param enabled poll the mailbox
 * @param protocol {@code imaps} (default) or {@code imap}
 * @param senders addresses whose mail is taken as reports (whitelist; others are marked read and left alone)
 * @param interval time between polls
 */
@ConfigurationProperties("takedown.intake.mailbox")
public record MailboxProperties(
        @DefaultValue("false") boolean enabled,
        @Nullable String host,
        @DefaultValue("993") int port,
        @DefaultValue("imaps") String protocol,
        @Nullable String username,
        @Nullable String password,
        @DefaultValue("INBOX") String folder,
        @DefaultValue List<String> senders,
        @DefaultValue("60s") Duration interval) {}

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
 * @param authservId the receiving mail server's id in its {@code Authentication-Results} headers: mail is taken only
 *     when that server says DMARC (or aligned SPF and DKIM) passed for the sender's domain; without it no mail is taken
 * @param quarantine folder that mail which cannot be read is moved to (created when missing)
 * @param maxMessageSize larger mail is quarantined unread
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
        @DefaultValue("60s") Duration interval,
        @Nullable String authservId,
        @DefaultValue("Quarantine") String quarantine,
        @DefaultValue("10MB") org.springframework.util.unit.DataSize maxMessageSize) {}

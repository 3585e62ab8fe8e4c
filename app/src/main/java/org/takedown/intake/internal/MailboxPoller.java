package org.takedown.intake.internal;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.takedown.intake.Channel;
import org.takedown.intake.MailboxProperties;
import org.takedown.intake.ReportReceipt;
import org.takedown.intake.Reports;
import org.takedown.shared.audit.AuditLog;

/**
 * Polls the hotline mailbox over IMAP: each unread mail from a whitelisted sender becomes a report of the URLs in its
 * text (source {@code mailbox}, the mail's subject as note, its Message-ID as reference); mail from anyone else is
 * marked read and audited as refused. Attachments are never opened or stored. Runs on one thread at a time.
 */
@Component
@ConditionalOnBooleanProperty("takedown.intake.mailbox.enabled")
@EnableConfigurationProperties(MailboxProperties.class)
public class MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"'()\\[\\]{}]+");

    private final MailboxProperties properties;
    private final Reports reports;
    private final AuditLog audit;

    MailboxPoller(MailboxProperties properties, Reports reports, AuditLog audit) {
        this.properties = properties;
        this.reports = reports;
        this.audit = audit;
    }

    /** Reads the unread mail once; returns how many mails became reports. */
    @Scheduled(fixedDelayString = "${takedown.intake.mailbox.interval:60s}")
    public synchronized int poll() {
        Properties settings = new Properties();
        settings.put("mail.store.protocol", properties.protocol());
        settings.put("mail." + properties.protocol() + ".connectiontimeout", "10000");
        settings.put("mail." + properties.protocol() + ".timeout", "30000");
        int taken = 0;
        try {
            Store store = Session.getInstance(settings).getStore(properties.protocol());
            store.connect(properties.host(), properties.port(), properties.username(), properties.password());
            try {
                Folder folder = store.getFolder(properties.folder());
                folder.open(Folder.READ_WRITE);
                try {
                    for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                        if (take(message)) {
                            taken++;
                        }
                        message.setFlag(Flags.Flag.SEEN, true);
                    }
                } finally {
                    folder.close(false);
                }
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            log.warn("Cannot read the mailbox {}@{}: {}", properties.username(), properties.host(), e.getMessage());
        }
        return taken;
    }

    private boolean take(Message message) throws MessagingException {
        String sender = sender(message);
        Set<String> allowed = new java.util.HashSet<>();
        properties.senders().forEach(s -> allowed.add(s.strip().toLowerCase(Locale.ROOT)));
        if (sender == null || !allowed.contains(sender)) {
            audit.record(
                    "mailbox",
                    "mailbox.refused",
                    "mail:" + (sender == null ? "unknown" : sender),
                    Map.of("reason", "sender not on the list"));
            return false;
        }
        List<String> urls = new ArrayList<>(urls(message));
        if (urls.isEmpty()) {
            audit.record("mailbox", "mailbox.refused", "mail:" + sender, Map.of("reason", "no URL in the text"));
            return false;
        }
        String[] ids = message.getHeader("Message-ID");
        String reference = ids != null && ids.length > 0 ? ids[0] : null;
        ReportReceipt receipt = reports.submit(
                Channel.MAILBOX,
                "mailbox",
                reference,
                "mail from " + sender + ": " + message.getSubject(),
                null,
                urls.subList(0, Math.min(urls.size(), Reports.MAX_URLS)));
        log.info(
                "Mail from {} became report {} ({} URLs)",
                sender,
                receipt.reportId(),
                receipt.accepted().size());
        return true;
    }

    private static String sender(Message message) throws MessagingException {
        Address[] from = message.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)) {
            return null;
        }
        return address.getAddress().toLowerCase(Locale.ROOT);
    }

    /** The URLs in the text parts of a mail, in order, once each; HTML parts without their tags. */
    static Set<String> urls(Part part) throws MessagingException {
        Set<String> urls = new LinkedHashSet<>();
        collect(part, urls);
        return urls;
    }

    private static void collect(Part part, Set<String> urls) throws MessagingException {
        try {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return; // never opened
            }
            if (part.isMimeType("text/plain")) {
                find((String) part.getContent(), urls);
            } else if (part.isMimeType("text/html")) {
                String html = (String) part.getContent();
                find(
                        html.replaceAll("(?is)<a\\s[^>]*href=\"([^\"]*)\"[^>]*>", " $1 ")
                                .replaceAll("<[^>]+>", " ")
                                .replace("&amp;", "&"),
                        urls);
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i), urls);
                }
            }
        } catch (IOException e) {
            throw new MessagingException("cannot read a part of the mail: " + e.getMessage(), e);
        }
    }

    private static void find(String text, Set<String> urls) {
        Matcher matcher = URL.matcher(text);
        while (matcher.find()) {
            String url = matcher.group().replaceAll("[.,;:!?]+$", "");
            urls.add(url);
        }
    }
}

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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
 * Polls the hotline mailbox over IMAP. An unread mail becomes a report of the URLs in its text (source
 * {@code mailbox}, the mail's subject as note, its Message-ID as reference) only when its one sender is on the list
 * and our receiving server vouches for the sender's domain ({@link MailAuthentication}); other mail is marked read and
 * audited as refused. A mail that cannot be read (too large, malformed) is moved to the quarantine folder and audited,
 * and the mail after it is read as usual. URLs are found in time linear in the text ({@link MailLinks}). Attachments
 * are never opened or stored. Runs on one thread at a time.
 */
@Component
@ConditionalOnBooleanProperty("takedown.intake.mailbox.enabled")
@EnableConfigurationProperties(MailboxProperties.class)
class MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    private final MailboxProperties properties;
    private final Reports reports;
    private final AuditLog audit;
    private final Set<String> allowed = new HashSet<>();

    MailboxPoller(MailboxProperties properties, Reports reports, AuditLog audit) {
        this.properties = properties;
        this.reports = reports;
        this.audit = audit;
        properties.senders().forEach(s -> allowed.add(s.strip().toLowerCase(Locale.ROOT)));
        if (properties.authservId() == null || properties.authservId().isBlank()) {
            log.warn("takedown.intake.mailbox.authserv-id is not set: no mail can be told authentic, so none is taken");
        }
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
                boolean moved = false;
                try {
                    for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                        try {
                            if (take(message)) {
                                taken++;
                            }
                            message.setFlag(Flags.Flag.SEEN, true);
                        } catch (MessagingException | RuntimeException e) {
                            quarantine(store, folder, message, e);
                            moved = true;
                        }
                    }
                } finally {
                    folder.close(moved);
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
        int size = message.getSize();
        if (size > properties.maxMessageSize().toBytes()) {
            throw new MessagingException("mail of " + size + " bytes, more than "
                    + properties.maxMessageSize().toBytes() + " are taken");
        }
        Address[] from = message.getFrom();
        if (from == null || from.length != 1 || !(from[0] instanceof InternetAddress address)) {
            return refuse("unknown", "not exactly one sender");
        }
        String sender = address.getAddress().toLowerCase(Locale.ROOT);
        if (!allowed.contains(sender)) {
            return refuse(sender, "sender not on the list");
        }
        if (properties.authservId() == null || properties.authservId().isBlank()) {
            return refuse(sender, "no authserv-id configured: the sender cannot be authenticated");
        }
        String[] results = message.getHeader("Authentication-Results");
        MailAuthentication.Verdict verdict = MailAuthentication.check(
                results == null ? List.of() : List.of(results),
                properties.authservId(),
                sender.substring(sender.lastIndexOf('@') + 1));
        if (!verdict.passed()) {
            return refuse(sender, verdict.reason());
        }
        List<String> urls = new ArrayList<>(urls(message));
        if (urls.isEmpty()) {
            return refuse(sender, "no URL in the text");
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

    private boolean refuse(String sender, String reason) {
        audit.record("mailbox", "mailbox.refused", "mail:" + sender, Map.of("reason", reason));
        return false;
    }

    /** Moves a mail that could not be read to the quarantine folder (created when missing), and audits it. */
    private void quarantine(Store store, Folder folder, Message message, Exception cause) {
        String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        String id = "unknown";
        try {
            String[] ids = message.getHeader("Message-ID");
            id = ids != null && ids.length > 0 ? ids[0] : "number " + message.getMessageNumber();
            Folder quarantine = store.getFolder(properties.quarantine());
            if (!quarantine.exists()) {
                quarantine.create(Folder.HOLDS_MESSAGES);
            }
            folder.copyMessages(new Message[] {message}, quarantine);
            message.setFlag(Flags.Flag.DELETED, true);
        } catch (MessagingException | RuntimeException e) {
            reason += "; could not move it to " + properties.quarantine() + ": " + e.getMessage();
            try {
                message.setFlag(Flags.Flag.SEEN, true);
            } catch (MessagingException | RuntimeException ignored) {
                // the next poll tries again; nothing else can be done here
            }
        }
        log.warn("Mail {} moved to quarantine: {}", id, reason);
        audit.record("mailbox", "mailbox.quarantined", "mail:" + id, Map.of("reason", reason));
    }

    /** The URLs in the text parts of a mail, in order, once each; HTML parts without their tags. */
    static Set<String> urls(Part part) throws MessagingException {
        Set<String> urls = new LinkedHashSet<>();
        collect(part, urls, 0);
        return urls;
    }

    private static void collect(Part part, Set<String> urls, int depth) throws MessagingException {
        if (depth > 10) {
            throw new MessagingException("parts nested more than 10 deep");
        }
        try {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return; // never opened
            }
            if (part.isMimeType("text/plain")) {
                MailLinks.fromText(text(part), urls);
            } else if (part.isMimeType("text/html")) {
                MailLinks.fromHtml(text(part), urls);
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i), urls, depth + 1);
                }
            }
        } catch (IOException e) {
            throw new MessagingException("cannot read a part of the mail: " + e.getMessage(), e);
        }
    }

    private static String text(Part part) throws IOException, MessagingException {
        Object content = part.getContent();
        if (content instanceof String text) {
            return text;
        }
        throw new MessagingException("a text part that is not text (" + part.getContentType() + ")");
    }
}

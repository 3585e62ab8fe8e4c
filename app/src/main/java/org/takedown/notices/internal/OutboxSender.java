package org.takedown.notices.internal;

import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.attribution.CompanyId;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.HostingCompanies.Webhook;
import org.takedown.attribution.NoticeChannel;
import org.takedown.intake.UrlId;
import org.takedown.notices.MessageSent;
import org.takedown.notices.NoticeId;
import org.takedown.notices.NoticeSent;
import org.takedown.notices.NoticesProperties;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.jobs.Job;
import org.takedown.shared.net.HostResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the outbox: each row is leased, delivered, and marked sent in one transaction with the notice's new state
 * and {@link NoticeSent}. E-mail notices (channels EMAIL and XARF) go by SMTP with one X-ARF document per URL
 * attached and a stable Message-ID, webhook notices (WEBHOOK) as a signed POST with the same id as Idempotency-Key,
 * so a crash between delivery and marking can at worst repeat a message the receiver recognises as the same;
 * companies on the portal (API, PORTAL) find the notice there at once. A failed
 * delivery is tried again with growing pauses. Thread-safe.
 */
@Component
class OutboxSender implements Job {

    static final Duration LEASE = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final NoticesProperties properties;
    private final NoticeMessages messages;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final HostingCompanies companies;
    private final WebhookSender webhooks;

    OutboxSender(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Clock clock,
            NoticesProperties properties,
            JsonMapper json,
            ApplicationEventPublisher events,
            AuditLog audit,
            HostingCompanies companies,
            HostResolver resolver) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.properties = properties;
        this.messages = new NoticeMessages(properties, json);
        this.events = events;
        this.audit = audit;
        this.companies = companies;
        this.webhooks = new WebhookSender(resolver, properties.webhooksToLoopback());
    }

    @PreDestroy
    void close() throws IOException {
        webhooks.close();
    }

    private record Row(long id, long noticeId, String kind, String messageId, int attempts) {}

    private record Notice(
            long id,
            @Nullable Long companyId,
            String company,
            @Nullable String abuseContact,
            NoticeChannel channel,
            @Nullable Instant sentAt) {}

    @Scheduled(fixedDelayString = "${takedown.notices.send-interval:2s}")
    void send() {
        runOnce();
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public int runOnce() {
        Instant now = clock.instant();
        List<Row> due = jdbc.sql("""
                        UPDATE notice_outbox SET leased_until = ?, attempts = attempts + 1
                        WHERE id IN (SELECT id FROM notice_outbox
                                     WHERE sent_at IS NULL AND next_attempt_at <= ?
                                       AND (leased_until IS NULL OR leased_until < ?)
                                     ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED)
                        RETURNING id, notice_id, kind, message_id, attempts""")
                .params(Timestamp.from(now.plus(LEASE)), Timestamp.from(now), Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
                .list();
        for (Row row : due) {
            try {
                if (row.kind().equals("MESSAGE")) {
                    deliverMessage(row);
                    continue;
                }
                deliver(row);
            } catch (RuntimeException | MessagingException | IOException e) {
                log.warn("notice {} ({}) not delivered: {}", row.noticeId(), row.kind(), e.getMessage());
                Duration pause = retryPause(properties.retryAfter(), row.attempts());
                jdbc.sql("UPDATE notice_outbox SET leased_until = NULL, next_attempt_at = ?, last_error = ?"
                                + " WHERE id = ?")
                        .params(Timestamp.from(clock.instant().plus(pause)), String.valueOf(e.getMessage()), row.id())
                        .update();
            }
        }
        return due.size();
    }

    /** The pause after the {@code attempts}-th failed delivery: doubled after each failure, at most an hour. */
    static Duration retryPause(Duration retryAfter, int attempts) {
        Duration pause = retryAfter.multipliedBy(1L << Math.min(Math.max(attempts, 1) - 1, 6));
        return pause.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : pause;
    }

    @Override
    public @Nullable Instant nextDue() {
        return jdbc.sql("SELECT min(next_attempt_at) FROM notice_outbox WHERE sent_at IS NULL")
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
    }

    private void deliver(Row row) throws MessagingException, IOException {
        Notice notice = notice(row.noticeId());
        List<NoticeMessages.Item> items = items(row);
        Instant sentAt = notice.sentAt() != null ? notice.sentAt() : clock.instant();
        if (!items.isEmpty()) {
            send(row, notice, items, sentAt);
        }
        transactions.executeWithoutResult(status -> recordSent(row, notice, items));
    }

    private Notice notice(long noticeId) {
        return jdbc.sql("SELECT id, company_id, company, abuse_contact, channel, sent_at FROM notice WHERE id = ?")
                .param(noticeId)
                .query((rs, n) -> new Notice(
                        rs.getLong(1),
                        (Long) rs.getObject(2),
                        rs.getString(3),
                        rs.getString(4),
                        NoticeChannel.valueOf(rs.getString(5)),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
                .single();
    }

    /** The notice's URLs still open (a reminder: only those still online). */
    private List<NoticeMessages.Item> items(Row row) {
        return jdbc.sql("""
                        SELECT n.url_id, n.url, u.host, u.ips, u.assessment, u.reason
                        FROM notice_url n JOIN routed_url u ON u.url_id = n.url_id
                        WHERE n.notice_id = ? AND n.closed_at IS NULL
                          AND (? = 'NOTICE' OR n.removed_at IS NULL) ORDER BY n.url_id""")
                .params(row.noticeId(), row.kind())
                .query((rs, n) -> new NoticeMessages.Item(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
    }

    /** Sends by the company's channel: a mail, or a POST to its webhook; the portal and the API need no sending. */
    private void send(Row row, Notice notice, List<NoticeMessages.Item> items, Instant sentAt)
            throws MessagingException, IOException {
        if (notice.channel().byMail()) {
            NoticeMessages.Message message = messages.compose(
                    notice.id(), row.kind(), notice.company(), notice.companyId(), dutch(notice), sentAt, items);
            mail(row.messageId(), notice.abuseContact(), message);
        } else if (notice.channel() == NoticeChannel.WEBHOOK) {
            Webhook hook = notice.companyId() == null
                    ? null
                    : companies.webhook(notice.companyId()).orElse(null);
            if (hook == null) {
                throw new IOException("the hosting company has no webhook address");
            }
            String body = messages.webhookBody(
                    notice.id(), row.kind(), row.messageId(), notice.company(), notice.companyId(), sentAt, items);
            webhooks.post(
                    hook,
                    row.messageId(),
                    row.kind().toLowerCase(Locale.ROOT),
                    clock.instant().getEpochSecond(),
                    body);
        }
    }

    /** Marks the outbox row sent; a first notice becomes SENT and is announced ({@link NoticeSent}). */
    private void recordSent(Row row, Notice notice, List<NoticeMessages.Item> items) {
        Instant now = clock.instant();
        jdbc.sql("UPDATE notice_outbox SET sent_at = ?, leased_until = NULL, last_error = NULL WHERE id = ?")
                .params(Timestamp.from(now), row.id())
                .update();
        if (!row.kind().equals("NOTICE")) {
            audit.record(
                    "system:notices",
                    "notice.reminded",
                    "notice:" + notice.id(),
                    Map.of("company", notice.company(), "urls", items.size()));
            return;
        }
        jdbc.sql("UPDATE notice SET state = 'SENT', sent_at = ? WHERE id = ? AND state = 'QUEUED'")
                .params(Timestamp.from(now), notice.id())
                .update();
        NoticeClosing.afterSending(jdbc, notice.id(), now);
        audit.record(
                "system:notices",
                "notice.sent",
                "notice:" + notice.id(),
                Map.of(
                        "company",
                        notice.company(),
                        "channel",
                        notice.channel().name(),
                        "urls",
                        items.size(),
                        "messageId",
                        row.messageId()));
        events.publishEvent(new NoticeSent(
                new NoticeId(notice.id()),
                notice.companyId() == null ? null : new CompanyId(notice.companyId()),
                notice.company(),
                now,
                items.stream()
                        .map(i -> new NoticeSent.NoticedUrl(new UrlId(i.urlId()), i.url()))
                        .toList()));
    }

    /** Another module's message (an order): mailed as queued, then reported with {@link MessageSent}. */
    private void deliverMessage(Row row) throws MessagingException {
        record Message(
                String recipient,
                String subject,
                String body,
                byte @Nullable [] pdf,
                @Nullable String pdfName,
                String reference) {}
        Message message = jdbc.sql("SELECT recipient, subject, body, attachment, attachment_name, reference"
                        + " FROM notice_outbox WHERE id = ?")
                .param(row.id())
                .query((rs, n) -> new Message(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBytes(4),
                        rs.getString(5),
                        rs.getString(6)))
                .single();
        List<Attachment> attachments = message.pdf() == null
                ? List.of()
                : List.of(new Attachment(
                        message.pdfName() == null ? "document.pdf" : message.pdfName(),
                        "application/pdf",
                        message.pdf()));
        mail(
                row.messageId(),
                message.recipient(),
                message.subject(),
                message.body(),
                "<html><body><pre>" + org.springframework.web.util.HtmlUtils.htmlEscape(message.body())
                        + "</pre></body></html>\n",
                attachments);
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            jdbc.sql("UPDATE notice_outbox SET sent_at = ?, leased_until = NULL, last_error = NULL WHERE id = ?")
                    .params(Timestamp.from(now), row.id())
                    .update();
            audit.record(
                    "system:notices",
                    "notice.message-sent",
                    message.reference(),
                    Map.of("messageId", row.messageId(), "to", message.recipient()));
            events.publishEvent(new MessageSent(message.reference(), row.messageId(), message.recipient(), now));
        });
    }

    private boolean dutch(Notice notice) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM routed_url u JOIN notice_url n ON n.url_id = u.url_id"
                        + " WHERE n.notice_id = ? AND u.hosted_in = 'NL')")
                .param(notice.id())
                .query(Boolean.class)
                .single();
    }

    /** A file attached to a mail. */
    private record Attachment(String name, String contentType, byte[] content) {}

    private void mail(String messageId, @Nullable String to, NoticeMessages.Message message) throws MessagingException {
        List<Attachment> attachments = new java.util.ArrayList<>();
        for (Map.Entry<String, String> document : message.xarf().entrySet()) {
            attachments.add(new Attachment(
                    document.getKey(),
                    "application/json; charset=UTF-8",
                    document.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        mail(messageId, to, message.subject(), message.text(), message.html(), attachments);
    }

    private void mail(
            String messageId,
            @Nullable String to,
            String subject,
            String textBody,
            String htmlBody,
            List<Attachment> attachments)
            throws MessagingException {
        NoticesProperties.Smtp smtp = properties.smtp();
        if (smtp.host() == null || smtp.host().isBlank()) {
            throw new MessagingException("no SMTP server configured (takedown.notices.smtp.host)");
        }
        if (to == null || to.isBlank()) {
            throw new MessagingException("the hosting company has no abuse contact");
        }
        Properties settings = new Properties();
        settings.put("mail.smtp.host", smtp.host());
        settings.put("mail.smtp.port", String.valueOf(smtp.port()));
        settings.put("mail.smtp.connectiontimeout", "10000");
        settings.put("mail.smtp.timeout", "20000");
        settings.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
        settings.put("mail.smtp.auth", String.valueOf(smtp.username() != null));
        Session session = Session.getInstance(settings);
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mail.setFrom(new InternetAddress(properties.hotline().contact(), false));
        mail.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(to, false));
        mail.setSubject(subject, StandardCharsets.UTF_8.name());
        mail.setSentDate(Date.from(clock.instant()));
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(textBody, StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(htmlBody, "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        for (Attachment file : attachments) {
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new jakarta.activation.DataHandler(
                    new jakarta.mail.util.ByteArrayDataSource(file.content(), file.contentType())));
            attachment.setFileName(file.name());
            mixed.addBodyPart(attachment);
        }
        mail.setContent(mixed);
        if (smtp.username() != null) {
            Transport.send(mail, smtp.username(), smtp.password());
        } else {
            Transport.send(mail);
        }
    }
}

package org.takedown.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hotline mailbox against a GreenMail IMAP server on loopback: whitelisted senders' URLs become reports when our
 * receiving server (its {@code Authentication-Results}) vouches for them; forged and unreadable mail does not, and does
 * not hold up the mail after it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "takedown.intake.mailbox.enabled=true",
            "takedown.intake.mailbox.protocol=imap",
            "takedown.intake.mailbox.username=hotline@takedown.test",
            "takedown.intake.mailbox.password=secret",
            "takedown.intake.mailbox.senders=police@politie.test, Flagger@Trusted.test",
            "takedown.intake.mailbox.interval=1h",
            "takedown.intake.mailbox.authserv-id=mx.hotline.test",
            "takedown.intake.mailbox.max-message-size=64KB"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MailboxIntegrationTests {

    static final ServerSetup SMTP = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort();
    static final ServerSetup IMAP = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort();

    @RegisterExtension
    static final GreenMailExtension MAIL =
            new GreenMailExtension(new ServerSetup[] {SMTP, IMAP}).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        registry.add("takedown.intake.mailbox.host", () -> "127.0.0.1");
        registry.add("takedown.intake.mailbox.port", () -> MAIL.getImap().getPort());
    }

    @Autowired
    MailboxPoller poller;

    @Autowired
    JdbcClient jdbc;

    static final String OURS = "Authentication-Results";

    private static MimeMessage mail(String from, String subject, String text, String... authenticationResults)
            throws Exception {
        MimeMessage message = GreenMailUtil.createTextEmail(
                TO, from, subject, text, MAIL.getSmtp().getServerSetup());
        for (String result : authenticationResults) {
            message.addHeader(OURS, result);
        }
        return message;
    }

    static final String TO = "hotline@takedown.test";

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void whitelistedAuthenticatedMailBecomesReportsAndOtherMailIsLeftAlone() throws Exception {
        MAIL.setUser(TO, TO, "secret");
        GreenMailUtil.sendMimeMessage(mail(
                "police@politie.test",
                "PV 2026-17",
                "Please look at http://mail-one.example/a.jpg, and https://mail-two.example/b?x=1.\nThanks.",
                "mx.hotline.test; dmarc=pass (p=reject dis=none) header.from=politie.test; spf=pass"
                        + " smtp.mailfrom=politie.test"));
        GreenMailUtil.sendMimeMessage(mail(
                "someone@else.test",
                "spam",
                "http://mail-spam.example/",
                "mx.hotline.test; dmarc=pass header.from=else.test"));

        MimeMessage html = mail(
                "flagger@trusted.test",
                "html",
                "",
                "mx.hotline.test; spf=pass smtp.mailfrom=bounce@mail.trusted.test; dkim=pass header.d=trusted.test"
                        + " header.s=sel1");
        MimeMultipart parts = new MimeMultipart();
        MimeBodyPart body = new MimeBodyPart();
        body.setContent("<p>See <a href=\"http://mail-three.example/c.jpg\">this</a></p>", "text/html; charset=utf-8");
        parts.addBodyPart(body);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setText("http://mail-attached.example/never-read");
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        attachment.setFileName("notes.txt");
        parts.addBodyPart(attachment);
        html.setContent(parts);
        GreenMailUtil.sendMimeMessage(html);

        // the scheduled poll may have taken some of the mail already; between them, both reports are made
        int taken = poller.poll();
        assertThat(taken).isBetween(0, 2);
        assertThat(count("SELECT count(*) FROM report WHERE channel = 'mailbox' AND note IN"
                        + " ('mail from police@politie.test: PV 2026-17', 'mail from flagger@trusted.test: html')"))
                .isEqualTo(2);
        assertThat(urls())
                .contains(
                        "http://mail-one.example/a.jpg",
                        "https://mail-two.example/b?x=1",
                        "http://mail-three.example/c.jpg")
                .doesNotContain("http://mail-attached.example/never-read", "http://mail-spam.example/");
        assertThat(count("SELECT count(*) FROM report WHERE channel = 'mailbox' AND source = 'mailbox'"
                        + " AND note LIKE 'mail from police@politie.test: PV 2026-17'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'mailbox.refused'"
                        + " AND subject = 'mail:someone@else.test'"))
                .isEqualTo(1);
        assertThat(poller.poll()).as("read mail is not taken twice").isZero();
    }

    @Test
    void aForgedSenderIsRefusedWithTheReason() throws Exception {
        MAIL.setUser(TO, TO, "secret");
        // written by the sender: another server's verdict counts for nothing
        GreenMailUtil.sendMimeMessage(mail(
                "police@politie.test",
                "forged 1",
                "http://forged-one.example/",
                "mx.elsewhere.test; dmarc=pass header.from=politie.test"));
        // our server said fail on top; the sender's own pass below it is ignored
        GreenMailUtil.sendMimeMessage(mail(
                "police@politie.test",
                "forged 2",
                "http://forged-two.example/",
                "mx.hotline.test; dmarc=fail header.from=politie.test",
                "mx.hotline.test; dmarc=pass header.from=politie.test"));
        // a pass for another domain, or SPF without DKIM, is not a pass for the sender
        GreenMailUtil.sendMimeMessage(mail(
                "police@politie.test",
                "forged 3",
                "http://forged-three.example/",
                "mx.hotline.test; dmarc=pass header.from=evil.test; spf=pass smtp.mailfrom=politie.test"));
        GreenMailUtil.sendMimeMessage(mail("police@politie.test", "forged 4", "http://forged-four.example/"));

        poller.poll();
        assertThat(urls()).noneMatch(url -> url.contains("forged-"));
        assertThat(jdbc.sql("SELECT details->>'reason' FROM audit_log WHERE action = 'mailbox.refused'"
                                + " AND subject = 'mail:police@politie.test' ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly(
                        "no Authentication-Results from our server (mx.hotline.test)",
                        "our server (mx.hotline.test) did not vouch for politie.test: neither DMARC nor aligned SPF"
                                + " and DKIM passed",
                        "our server (mx.hotline.test) did not vouch for politie.test: neither DMARC nor aligned SPF"
                                + " and DKIM passed",
                        "no Authentication-Results from our server (mx.hotline.test)");
    }

    @Test
    void unreadableMailIsQuarantinedAndTheMailAfterItIsTaken() throws Exception {
        MAIL.setUser(TO, TO, "secret");
        String pass = "mx.hotline.test; dmarc=pass header.from=politie.test";
        MimeMessage charset = mail("police@politie.test", "odd charset", "", pass);
        charset.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
                "http://odd-charset.example/".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "text/plain; charset=x-no-such-charset")));
        GreenMailUtil.sendMimeMessage(charset);
        GreenMailUtil.sendMimeMessage(
                mail("police@politie.test", "too large", "http://too-large.example/ " + "x".repeat(100_000), pass));
        MimeMessage nested = mail("police@politie.test", "nested", "", pass);
        MimeMultipart inner = new MimeMultipart();
        MimeBodyPart leaf = new MimeBodyPart();
        leaf.setText("http://deeply-nested.example/");
        inner.addBodyPart(leaf);
        for (int i = 0; i < 12; i++) {
            MimeBodyPart wrapper = new MimeBodyPart();
            wrapper.setContent(inner);
            inner = new MimeMultipart();
            inner.addBodyPart(wrapper);
        }
        nested.setContent(inner);
        GreenMailUtil.sendMimeMessage(nested);
        GreenMailUtil.sendMimeMessage(
                mail("police@politie.test", "after them", "http://after-the-bad-ones.example/", pass));

        poller.poll();
        assertThat(urls())
                .contains("http://after-the-bad-ones.example/")
                .noneMatch(url -> url.contains("odd-charset") || url.contains("too-large") || url.contains("nested"));
        assertThat(jdbc.sql("SELECT details->>'reason' FROM audit_log WHERE action = 'mailbox.quarantined' ORDER BY id")
                        .query(String.class)
                        .list())
                .hasSize(3)
                .anySatisfy(reason -> assertThat(reason).contains("x-no-such-charset"))
                .anySatisfy(reason -> assertThat(reason).contains("more than 65536 are taken"))
                .anySatisfy(reason -> assertThat(reason).contains("nested more than 10 deep"));
        assertThat(MAIL.getManagers()
                        .getImapHostManager()
                        .getFolder(MAIL.getManagers().getUserManager().getUser(TO), "Quarantine")
                        .getMessageCount())
                .isEqualTo(3);
        assertThat(poller.poll()).as("quarantined mail is not read again").isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'mailbox.quarantined'"))
                .isEqualTo(3);
    }

    private java.util.List<String> urls() {
        return jdbc.sql("SELECT normalized FROM reported_url")
                .query(String.class)
                .list();
    }
}

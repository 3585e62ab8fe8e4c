package org.takedown.intake;

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
import org.takedown.intake.internal.MailboxPoller;

/** The hotline mailbox against a GreenMail IMAP server on loopback: whitelisted senders' URLs become reports. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "takedown.intake.mailbox.enabled=true",
            "takedown.intake.mailbox.protocol=imap",
            "takedown.intake.mailbox.username=hotline@takedown.test",
            "takedown.intake.mailbox.password=secret",
            "takedown.intake.mailbox.senders=police@politie.test, Flagger@Trusted.test",
            "takedown.intake.mailbox.interval=1h"
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

    @Test
    void whitelistedMailBecomesReportsAndOtherMailIsLeftAlone() throws Exception {
        MAIL.setUser("hotline@takedown.test", "hotline@takedown.test", "secret");
        GreenMailUtil.sendTextEmail(
                "hotline@takedown.test",
                "police@politie.test",
                "PV 2026-17",
                "Please look at http://mail-one.example/a.jpg, and https://mail-two.example/b?x=1.\nThanks.",
                MAIL.getSmtp().getServerSetup());
        GreenMailUtil.sendTextEmail(
                "hotline@takedown.test",
                "someone@else.test",
                "spam",
                "http://mail-spam.example/",
                MAIL.getSmtp().getServerSetup());

        MimeMessage html = GreenMailUtil.createTextEmail(
                "hotline@takedown.test",
                "flagger@trusted.test",
                "html",
                "",
                MAIL.getSmtp().getServerSetup());
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
        assertThat(jdbc.sql("SELECT count(*) FROM report WHERE channel = 'mailbox'")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(urls())
                .containsExactlyInAnyOrder(
                        "http://mail-one.example/a.jpg",
                        "https://mail-two.example/b?x=1",
                        "http://mail-three.example/c.jpg");
        assertThat(jdbc.sql("SELECT count(*) FROM report WHERE channel = 'mailbox' AND source = 'mailbox'"
                                + " AND note LIKE 'mail from police@politie.test: PV 2026-17'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'mailbox.refused'"
                                + " AND subject = 'mail:someone@else.test'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(poller.poll()).as("read mail is not taken twice").isZero();
    }

    private java.util.List<String> urls() {
        return jdbc.sql("SELECT normalized FROM reported_url")
                .query(String.class)
                .list();
    }
}

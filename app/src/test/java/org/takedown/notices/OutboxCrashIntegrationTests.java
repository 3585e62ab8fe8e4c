package org.takedown.notices;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.takedown.shared.jobs.Job;
import org.takedown.shared.time.SimulatedClock;
import org.takedown.support.Cli;
import org.takedown.support.IntegrationTest;
import org.takedown.support.ServerProcess;
import org.takedown.support.TestDatabase;

/**
 * The outbox under a crash: a separate Takedown server process sends a batch of queued notices to the mail server
 * (GreenMail) and is killed (SIGKILL) in the middle; after its leases run out, this process's sender takes over. No
 * notice may be lost, each is marked sent and audited once, and at most the one message in flight at the kill is
 * mailed twice, with the same Message-ID, so the receiver can recognise it.
 */
@IntegrationTest
@TestPropertySource(properties = {"takedown.workers.enabled=false", "takedown.clock.mode=simulated"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxCrashIntegrationTests {

    static final int NOTICES = 300;

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("takedown.notices.smtp.host", () -> "127.0.0.1");
        registry.add("takedown.notices.smtp.port", () -> MAIL.getSmtp().getPort());
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Autowired
    Clock clock;

    @Autowired
    List<Job> jobs;

    @Test
    void aSenderKilledMidBatchLosesNothingAndRepeatsAtMostTheMessageInFlight() throws Exception {
        List<String> messageIds = queueNotices();

        ServerProcess server = startServer();
        try {
            long began = System.nanoTime();
            while (MAIL.getReceivedMessages().length < 20) {
                assertThat(server.alive())
                        .as("the server process runs (see target/outbox-crash-server.log)")
                        .isTrue();
                assertThat(System.nanoTime() - began)
                        .as("the server process starts sending within 120 s")
                        .isLessThan(TimeUnit.SECONDS.toNanos(120));
                Thread.sleep(2);
            }
            server.kill(); // SIGKILL: no shutdown hooks, no cleanup
        } finally {
            server.kill();
        }
        int beforeKill = MAIL.getReceivedMessages().length;
        assertThat(beforeKill).as("killed in the middle of the work").isLessThan(NOTICES);
        long markedSent = jdbc.sql("SELECT count(*) FROM notice_outbox WHERE sent_at IS NOT NULL")
                .query(Long.class)
                .single();
        assertThat(markedSent).isLessThanOrEqualTo(beforeKill);

        // the killed process's leases (2 minutes) run out; then this process's sender finishes the work
        ((SimulatedClock) clock).set(clock.instant().plus(Duration.ofMinutes(3)));
        Job outbox =
                jobs.stream().filter(j -> j.name().equals("outbox")).findFirst().orElseThrow();
        while (outbox.runOnce() > 0) {
            // another batch
        }

        Map<String, Integer> received = new HashMap<>();
        for (MimeMessage message : MAIL.getReceivedMessages()) {
            received.merge(message.getMessageID(), 1, Integer::sum);
        }
        assertThat(received.keySet()).as("every notice arrived").containsExactlyInAnyOrderElementsOf(messageIds);
        long repeated = received.values().stream().filter(n -> n > 1).count();
        assertThat(repeated)
                .as("only the message in flight at the kill may come twice")
                .isLessThanOrEqualTo(1);
        assertThat(received.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
        assertThat(jdbc.sql("SELECT count(*) FROM notice WHERE state = 'SENT'")
                        .query(Long.class)
                        .single())
                .isEqualTo(NOTICES);
        assertThat(jdbc.sql("SELECT count(*) FROM notice_outbox WHERE sent_at IS NULL")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*), count(DISTINCT subject) FROM audit_log WHERE action = 'notice.sent'")
                        .query((rs, n) -> rs.getLong(1) + "/" + rs.getLong(2))
                        .single())
                .as("each notice audited as sent exactly once")
                .isEqualTo(NOTICES + "/" + NOTICES);
        assertThat(Cli.run(TestDatabase.Info.of(environment), "audit", "verify"))
                .as("two processes appended to one intact audit chain")
                .startsWith("0|");
    }

    /** Notices as the composer leaves them: queued, each with one URL and an outbox row, in one transaction each. */
    private List<String> queueNotices() {
        Timestamp now = Timestamp.from(clock.instant());
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= NOTICES; i++) {
            long urlId = 900_000 + i;
            String url = "http://crash-" + i + ".example/item.jpg";
            jdbc.sql("""
                            INSERT INTO routed_url (url_id, url, host, assessment, reason, assessed_at, company,
                                                    abuse_contact, hosted_in, ips, attributed_at)
                            VALUES (?, ?, ?, 'BASELINE', 'test', ?, 'Crash Hosting', 'abuse@crash.test', 'NL',
                                    '192.0.2.99', ?)""")
                    .params(urlId, url, "crash-" + i + ".example", now, now)
                    .update();
            long notice = jdbc.sql("""
                            INSERT INTO notice (company, abuse_contact, channel, state, opened_at, send_after)
                            VALUES ('Crash Hosting', 'abuse@crash.test', 'EMAIL', 'QUEUED', ?, ?) RETURNING id""").params(now, now).query(Long.class).single();
            jdbc.sql("INSERT INTO notice_url (notice_id, url_id, url, added_at) VALUES (?, ?, ?, ?)")
                    .params(notice, urlId, url, now)
                    .update();
            String messageId = "<notice-" + notice + "@takedown.example>";
            jdbc.sql("""
                            INSERT INTO notice_outbox (notice_id, kind, message_id, created_at, next_attempt_at)
                            VALUES (?, 'NOTICE', ?, ?, ?)""").params(notice, messageId, now, now).update();
            ids.add(messageId);
        }
        return ids;
    }

    /** {@code takedown serve} in its own JVM, on this test's database and mail server. */
    private ServerProcess startServer() {
        return ServerProcess.start(
                "outbox-crash-server",
                TestDatabase.Info.of(environment),
                Map.of(
                        "takedown.notices.smtp.host", "127.0.0.1",
                        "takedown.notices.smtp.port",
                                Integer.toString(MAIL.getSmtp().getPort()),
                        "takedown.notices.send-interval", "100ms"));
    }
}

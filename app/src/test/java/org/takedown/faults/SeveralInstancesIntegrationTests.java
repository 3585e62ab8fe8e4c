package org.takedown.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.takedown.attribution.HostingCompanies;
import org.takedown.intake.Channel;
import org.takedown.intake.Reports;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import org.takedown.support.ApiClient;
import org.takedown.support.IntegrationTest;
import org.takedown.support.LoopbackSite;
import org.takedown.support.ServerProcess;
import org.takedown.support.TestDatabase;
import org.takedown.triage.Assessment;
import org.takedown.triage.Triage;

/**
 * Three {@code takedown serve} processes on one PostgreSQL share the chain's work for 2 000 reported URLs, and one
 * of them is killed (SIGKILL) halfway: every URL is still attributed once, notified exactly once and checked without
 * two instances checking it at the same time; a hash list change made on one instance is answered by the others
 * within a second. This process only reports and assesses (its own workers are off), as the hotline's staff would.
 */
@IntegrationTest
@TestPropertySource(properties = "takedown.workers.enabled=false")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SeveralInstancesIntegrationTests {

    static final int URLS = 2_000;
    static final int HOSTS = 20;
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(3);

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withPerMethodLifecycle(false);

    static LoopbackSite site;

    @BeforeAll
    static void startSite() {
        site = LoopbackSite.start();
        for (int i = 0; i < URLS; i++) {
            site.pages.put("/item/" + i + ".txt", ("item " + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    @DynamicPropertySource
    static void hosts(DynamicPropertyRegistry registry) {
        instanceProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** The same settings for this context and the three instances. */
    static Map<String, String> instanceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int h = 0; h < HOSTS; h++) {
            properties.put("takedown.attribution.static-hosts.inst-" + h + ".example", "127.0.0.1");
        }
        properties.put("takedown.attribution.resolver", "static");
        properties.put("takedown.attribution.work-interval", "200ms");
        properties.put("takedown.probing.allow-loopback", "true");
        properties.put("takedown.probing.first-look", "false");
        properties.put("takedown.probing.work-interval", "200ms");
        properties.put("takedown.probing.schedule.interval", CHECK_INTERVAL.toMillis() + "ms");
        properties.put("takedown.probing.schedule.retry", "1s");
        properties.put("takedown.notices.window", "1s");
        properties.put("takedown.notices.compose-interval", "300ms");
        properties.put("takedown.notices.send-interval", "300ms");
        properties.put("takedown.notices.remind-every", "10m");
        properties.put("takedown.notices.norm", "1h");
        properties.put("takedown.notices.smtp.host", "127.0.0.1");
        properties.put(
                "takedown.notices.smtp.port", Integer.toString(MAIL.getSmtp().getPort()));
        properties.put("takedown.matching.follow-interval", "250ms");
        return properties;
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Autowired
    HostingCompanies companies;

    @Autowired
    Reports reports;

    @Autowired
    Triage triage;

    @Autowired
    ApiKeys keys;

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void threeInstancesShareTheWorkAndOneKilledLosesNothing() throws Exception {
        long company = companies
                .create("Multi Hosting", "NL", "abuse@multi.test", "EMAIL", true, null)
                .id();
        companies.addRange(company, "127.0.0.0", "127.0.0.255", "the test's web");

        TestDatabase.Info database = TestDatabase.Info.of(environment);
        List<ServerProcess> instances = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                instances.add(ServerProcess.start("instance-" + i, database, instanceProperties()));
            }
            for (ServerProcess instance : instances) {
                instance.awaitReady(Duration.ofSeconds(150));
            }
            hashListChangesReachEveryInstanceWithinASecond(instances);

            List<Long> ids = new ArrayList<>();
            for (int batch = 0; batch < URLS / 500; batch++) {
                List<String> urls = new ArrayList<>();
                for (int i = batch * 500; i < (batch + 1) * 500; i++) {
                    urls.add("http://inst-" + (i % HOSTS) + ".example:" + site.port() + "/item/" + i + ".txt");
                }
                reports.submit(Channel.API, "police", "batch " + batch, null, null, urls)
                        .accepted()
                        .forEach(accepted -> ids.add(accepted.urlId()));
            }
            assertThat(ids).hasSize(URLS);

            // the analysts assess each URL once it is attributed, on four desks at once
            ExecutorService desks = Executors.newFixedThreadPool(4);
            try {
                for (long id : ids) {
                    desks.submit(() -> {
                        await().atMost(Duration.ofSeconds(120))
                                .pollInterval(Duration.ofMillis(200))
                                .until(() -> triage.get(id).hosting().country() != null);
                        return triage.assessByRule(id, Assessment.BASELINE, "several instances", "user:test");
                    });
                }
                // halfway through the notices, one instance dies without a word
                await().atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> count("SELECT count(*) FROM notice_url") >= URLS / 2);
                ServerProcess killed = instances.get(1);
                killed.kill();
                assertThat(count("SELECT count(*) FROM notice_url"))
                        .as("killed halfway")
                        .isLessThan(URLS);
            } finally {
                desks.shutdown();
                assertThat(desks.awaitTermination(3, java.util.concurrent.TimeUnit.MINUTES))
                        .isTrue();
            }

            // the two left finish the work, including what the killed one had claimed
            await().atMost(Duration.ofSeconds(300))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        assertThat(count("SELECT count(DISTINCT url_id) FROM notice_url nu JOIN notice n ON n.id ="
                                        + " nu.notice_id WHERE n.state = 'SENT'"))
                                .as("URLs in sent notices")
                                .isEqualTo(URLS);
                        assertThat(count("SELECT count(*) FROM probe_target WHERE checks >= 2"))
                                .as("URLs checked twice")
                                .isEqualTo(URLS);
                    });
            assertThat(instances.get(0).alive()).isTrue();
            assertThat(instances.get(2).alive()).isTrue();
        } finally {
            for (ServerProcess instance : instances) {
                instance.close();
            }
        }

        assertThat(count("SELECT count(DISTINCT url_id) FROM url_attribution")).isEqualTo(URLS);
        assertThat(count("SELECT count(*) FROM (SELECT url_id FROM url_attribution GROUP BY url_id"
                        + " HAVING count(*) > 1 AND max(checked_at) - min(checked_at) < interval '60 seconds') twice"))
                .as("no URL attributed twice at the same time")
                .isZero();
        assertThat(count("SELECT count(*) FROM notice_url"))
                .as("each URL in exactly one notice")
                .isEqualTo(URLS);
        assertThat(count("SELECT count(DISTINCT url_id) FROM notice_url")).isEqualTo(URLS);
        assertThat(count("SELECT count(*) FROM notice WHERE state <> 'SENT'")).isZero();
        Map<String, Integer> mailed = new HashMap<>();
        for (MimeMessage message : MAIL.getReceivedMessages()) {
            mailed.merge(message.getMessageID(), 1, Integer::sum);
        }
        assertThat(mailed).hasSize((int) count("SELECT count(*) FROM notice"));
        assertThat(mailed.values().stream().filter(n -> n > 1).count())
                .as("only a message in flight at the kill may come twice")
                .isLessThanOrEqualTo(1);
        assertThat(count("""
                        SELECT count(*) FROM (
                            SELECT url_id, checked_at - lag(checked_at) OVER (PARTITION BY url_id ORDER BY checked_at)
                                   AS gap
                            FROM probe_check) g
                        WHERE gap < interval '1 second'"""))
                .as("no URL checked by two instances at once (checks %s apart)", CHECK_INTERVAL)
                .isZero();
    }

    /** A list entry made through one instance's API is matched by every instance within a second. */
    private void hashListChangesReachEveryInstanceWithinASecond(List<ServerProcess> instances) throws Exception {
        String curator =
                keys.create("curator", List.of(ApiScope.BANKS), null, 100_000).token();
        String hoster = keys.create("hoster", List.of(ApiScope.HASHCHECK), null, 100_000)
                .token();
        ApiClient first = new ApiClient(instances.getFirst().port());
        HttpResponse<String> bank =
                first.post("/api/v1/banks", curator, "{\"name\":\"shared\",\"source\":\"hotline-confirmed\"}");
        assertThat(bank.statusCode()).as(bank.body()).isEqualTo(201);
        String sha256 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest("seen once".getBytes(StandardCharsets.UTF_8)));
        String query = "{\"hashes\":[{\"type\":\"sha256\",\"value\":\"" + sha256 + "\"}]}";
        HttpResponse<String> added = first.post(
                "/api/v1/banks/shared/entries?provenance=test",
                curator,
                "text/csv",
                ("sha256," + sha256 + ",one\n").getBytes(StandardCharsets.UTF_8));
        long addedAt = System.nanoTime();
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        // each instance is polled on a thread of its own, so that a slow answer from one does not count against the
        // next; each records when it first answered with the new entry
        ExecutorService pollers = Executors.newFixedThreadPool(instances.size());
        try {
            List<Future<Duration>> seen = new ArrayList<>();
            for (ServerProcess instance : instances) {
                ApiClient api = new ApiClient(instance.port());
                seen.add(pollers.submit(() -> {
                    await().atMost(Duration.ofSeconds(5))
                            .pollInterval(Duration.ofMillis(50))
                            .until(() -> api.post("/api/v1/hashcheck", hoster, query)
                                    .body()
                                    .contains("\"shared\""));
                    return Duration.ofNanos(System.nanoTime() - addedAt);
                }));
            }
            List<Duration> delays = new ArrayList<>();
            for (Future<Duration> delay : seen) {
                delays.add(delay.get());
            }
            assertThat(delays)
                    .as("time until each instance answered with the new entry")
                    .allSatisfy(delay -> assertThat(delay).isLessThan(Duration.ofSeconds(1)));
        } finally {
            pollers.shutdownNow();
        }
    }
}

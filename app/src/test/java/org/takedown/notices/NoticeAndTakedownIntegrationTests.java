package org.takedown.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.takedown.attribution.HostingCompanies;
import org.takedown.intake.Channel;
import org.takedown.intake.Reports;
import org.takedown.intake.UrlId;
import org.takedown.probing.Probes;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.net.ConnectRoute;
import org.takedown.shared.net.IpLiterals;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import org.takedown.support.ApiClient;
import org.takedown.support.IntegrationTest;
import org.takedown.support.LoopbackSite;
import org.takedown.support.WebSession;
import org.takedown.triage.Assessment;
import org.takedown.triage.Triage;

/**
 * Notice-and-takedown end to end on compressed time: assessed URLs of a registered company are collected into one
 * notice, mailed (GreenMail) with one X-ARF document per URL that validates against the X-ARF v4 csam schema; the
 * checks find one URL removed (404), one replaced by other content and one still online, which breaches the
 * norm (recorded with its checks) and gets a reminder every period. The company's documentation address is routed to a site on loopback by a ConnectRoute, as the
 * simulation does.
 */
@IntegrationTest
@Import(NoticeAndTakedownIntegrationTests.SiteRoute.class)
@TestPropertySource(
        properties = {
            "takedown.attribution.static-hosts.ntd-host.example=192.0.2.150",
            "takedown.attribution.static-hosts.portal-a.example=192.0.2.201",
            "takedown.attribution.static-hosts.portal-b.example=192.0.2.211",
            "takedown.attribution.static-hosts.hook-host.example=192.0.2.231",
            "takedown.attribution.static-hosts.inner-hook-host.example=192.0.2.241",
            "takedown.notices.webhooks-to-loopback=true",
            "takedown.notices.retry-after=300ms",
            "takedown.probing.allow-loopback=true",
            "takedown.probing.first-look=false",
            "takedown.probing.work-interval=200ms",
            "takedown.probing.schedule.interval=2s",
            "takedown.probing.schedule.retry=500ms",
            "takedown.notices.window=1s",
            "takedown.notices.compose-interval=300ms",
            "takedown.notices.send-interval=300ms",
            "takedown.notices.norm=6s",
            "takedown.notices.remind-every=6s"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NoticeAndTakedownIntegrationTests {

    static final Path TESTDATA = Path.of(System.getProperty("takedown.testdata", "../testdata"));

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withPerMethodLifecycle(false);

    static LoopbackSite site;
    static Map<String, byte[]> pages;

    @BeforeAll
    static void startSite() {
        site = LoopbackSite.start();
        pages = site.pages;
        site.server().createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            hooks.add(new Delivery(exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8)));
            // the first delivery fails, as a company's server sometimes does: the outbox tries again
            exchange.sendResponseHeaders(hooks.size() == 1 ? 503 : 204, -1);
            exchange.close();
        });
    }

    /** A webhook request the test site received. */
    record Delivery(com.sun.net.httpserver.Headers headers, String body) {}

    static final List<Delivery> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterAll
    static void stopSite() {
        site.close();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("takedown.notices.smtp.host", () -> "127.0.0.1");
        registry.add("takedown.notices.smtp.port", () -> MAIL.getSmtp().getPort());
    }

    /** The company's documentation range is served by the test site on loopback. */
    @TestConfiguration
    static class SiteRoute {
        @Bean
        ConnectRoute siteRoute() {
            return (address, port) -> IpLiterals.text(address).startsWith("192.0.2.")
                    ? new InetSocketAddress(InetAddress.getLoopbackAddress(), site.port())
                    : null;
        }
    }

    @Autowired
    Reports reports;

    @Autowired
    Triage triage;

    @Autowired
    HostingCompanies companies;

    @Autowired
    Probes probes;

    @Autowired
    AuditLog audit;

    @Autowired
    Notices notices;

    @Autowired
    UserAccounts users;

    @Autowired
    ApiKeys keys;

    @LocalServerPort
    int port;

    long reportAndAssess(String url) {
        long id = reports.submit(Channel.API, "police", null, null, null, List.of(url))
                .accepted()
                .getFirst()
                .urlId();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> triage.get(id).hosting().country() != null);
        triage.assessByRule(id, Assessment.BASELINE, "seen by two analysts", "user:test");
        return id;
    }

    @Test
    void eachHosterSeesOnlyItsOwnNoticesInThePortalAndTheApi() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        long a = companies
                .create("Portal A " + suffix, "NL", "abuse@a.test", "PORTAL", true, null)
                .id();
        companies.addRange(a, "192.0.2.200", "192.0.2.209", null);
        long b = companies
                .create("Portal B " + suffix, "NL", "abuse@b.test", "PORTAL", true, null)
                .id();
        companies.addRange(b, "192.0.2.210", "192.0.2.219", null);
        byte[] image = Files.readAllBytes(TESTDATA.resolve("conformance/pdq/images/dih/bridge-1-original.jpg"));
        pages.put("/pa-" + suffix + ".jpg", image);
        pages.put("/pb-" + suffix + ".jpg", image);
        long urlA = reportAndAssess("http://portal-a.example/pa-" + suffix + ".jpg");
        long urlB = reportAndAssess("http://portal-b.example/pb-" + suffix + ".jpg");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !notices.forCompany(a, 5).isEmpty()
                        && !notices.forCompany(b, 5).isEmpty());
        long noticeB = notices.forCompany(b, 5).getFirst().id();
        long noticeA = notices.forCompany(a, 5).getFirst().id();

        users.create("hoster-a-" + suffix, Role.HOSTER, a, "portal password");
        WebSession hosterA = WebSession.signedIn(port, "hoster-a-" + suffix, "portal password");
        assertThat(WebSession.location(hosterA.get("/portal"))).endsWith("/portal/companies/" + a);
        String own = hosterA.get("/portal/companies/" + a).body();
        assertThat(own).contains("pa-" + suffix).doesNotContain("pb-" + suffix).doesNotContain("<img");
        assertThat(hosterA.get("/portal/companies/" + b).statusCode()).isEqualTo(403);
        assertThat(hosterA.get("/portal/companies/" + b + "/notices/" + noticeB + "/urls/" + urlB)
                        .statusCode())
                .isEqualTo(403);
        assertThat(hosterA.post(
                                "/portal/companies/" + b + "/notices/" + noticeB + "/urls/" + urlB + "/response",
                                Map.of("kind", "REMOVED"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(hosterA.follow(hosterA.post(
                        "/portal/companies/" + a + "/notices/" + noticeB + "/urls/" + urlB + "/response",
                        Map.of("kind", "REMOVED"))))
                .contains("no URL " + urlB + " in notice " + noticeB + " of your company");
        assertThat(hosterA.follow(hosterA.post(
                        "/portal/companies/" + a + "/notices/" + noticeA + "/urls/" + urlA + "/response",
                        Map.of("kind", "DISPUTE", "reason", ""))))
                .contains("DISPUTE needs a reason");
        assertThat(hosterA.follow(hosterA.post(
                        "/portal/companies/" + a + "/notices/" + noticeA + "/urls/" + urlA + "/response",
                        Map.of("kind", "NOT_OUR_CUSTOMER", "reason", "a reseller's customer"))))
                .contains("your answer about URL " + urlA + " goes to the hotline");
        assertThat(notices.responsesToReview(50))
                .anySatisfy(r -> assertThat(r.urlId() + " " + r.kind()).isEqualTo(urlA + " NOT_OUR_CUSTOMER"));
        assertThat(hosterA.get("/portal/companies/" + a + "/notices/" + noticeA + "/urls/" + urlA)
                        .body())
                .contains("ONLINE");

        String token = keys.create("hoster-b-" + suffix, List.of(ApiScope.HOSTER), b, null)
                .token();
        ApiClient api = new ApiClient(port);
        HttpResponse<String> listed = api.get("/api/v1/hoster/notices", token);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("pb-" + suffix).doesNotContain("pa-" + suffix);
        assertThat(api.get("/api/v1/hoster/notices/" + noticeA + "/urls/" + urlA + "/checks", token)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.post(
                                "/api/v1/hoster/notices/" + noticeA + "/urls/" + urlA + "/response",
                                token,
                                "{\"kind\":\"REMOVED\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.post(
                                "/api/v1/hoster/notices/" + noticeB + "/urls/" + urlB + "/response",
                                token,
                                "{\"kind\":\"REMOVED\"}")
                        .statusCode())
                .isEqualTo(202);
        assertThat(api.get(
                                "/api/v1/hoster/notices",
                                keys.create("other-" + suffix, List.of(ApiScope.REPORT), null, null, List.of("police"))
                                        .token())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void noticeXarfChecksReminderAndMissedDeadline() throws Exception {
        byte[] bridge = Files.readAllBytes(TESTDATA.resolve("conformance/pdq/images/dih/bridge-1-original.jpg"));
        byte[] other = Files.readAllBytes(TESTDATA.resolve("conformance/pdq/images/labelme-subset/q1050.jpg"));
        pages.put("/a.jpg", bridge);
        pages.put("/b.jpg", bridge);
        pages.put("/c.jpg", other);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        long company = companies
                .create("NTD Hosting " + suffix, "NL", "abuse@ntd.test", "EMAIL", true, null)
                .id();
        companies.addRange(company, "192.0.2.128", "192.0.2.191", null);

        List<Long> ids = new ArrayList<>();
        for (String path : List.of("/a.jpg", "/b.jpg", "/c.jpg")) {
            ids.add(reports.submit(Channel.API, "police", null, null, null, List.of("http://ntd-host.example" + path))
                    .accepted()
                    .getFirst()
                    .urlId());
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        ids.stream().allMatch(id -> triage.get(id).hosting().country() != null));
        for (long id : ids) {
            triage.assessByRule(id, Assessment.BASELINE, "seen by two analysts", "user:test");
        }

        // one notice for the three URLs, by mail, with a valid X-ARF document per URL
        await().atMost(Duration.ofSeconds(15)).until(() -> MAIL.getReceivedMessages().length >= 1);
        MimeMessage notice = MAIL.getReceivedMessages()[0];
        assertThat(notice.getAllRecipients()[0].toString()).isEqualTo("abuse@ntd.test");
        assertThat(notice.getSubject()).contains("Melding").contains("3 URL's");
        assertThat(notice.getMessageID()).matches("<notice-\\d+@takedown\\.example>");
        List<String> documents = attachments(notice);
        assertThat(documents).hasSize(3);
        JsonSchema schema = xarfSchema();
        ObjectMapper mapper = new ObjectMapper();
        assertThat(schema.validate(mapper.readTree(documents.getFirst().replace("\"classification\"", "\"class\""))))
                .as("the schema is really applied")
                .isNotEmpty();
        for (String document : documents) {
            Set<ValidationMessage> errors = schema.validate(mapper.readTree(document));
            assertThat(errors).as(document).isEmpty();
            assertThat(document).contains("\"classification\":\"baseline\"").doesNotContain("payload");
        }

        // the checks watch the three URLs from the notice on
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ids.stream()
                        .allMatch(id -> probes.status(new UrlId(id))
                                .map(s -> s.checks() > 0)
                                .orElse(false)));
        Instant removal = Instant.now();
        pages.remove("/a.jpg"); // removed: 404
        pages.put("/b.jpg", other); // replaced by other content
        await().atMost(Duration.ofSeconds(20))
                .until(() -> probes.status(new UrlId(ids.get(0)))
                                .orElseThrow()
                                .state()
                                .equals("REMOVED")
                        && probes.status(new UrlId(ids.get(1)))
                                .orElseThrow()
                                .state()
                                .equals("REMOVED"));
        Probes.Status gone = probes.status(new UrlId(ids.get(0))).orElseThrow();
        assertThat(gone.removedAt()).isAfterOrEqualTo(removal.minusMillis(50));
        assertThat(gone.lastOnlineAt()).isBefore(gone.removedAt());
        assertThat(probes.history(new UrlId(ids.get(1)), 10))
                .anySatisfy(c -> assertThat(c.result().name()).isEqualTo("REPLACED"));
        assertThat(probes.status(new UrlId(ids.get(2))).orElseThrow().state()).isEqualTo("WATCHING");
        // the statuses of many URLs in one query are the same as one by one; an unknown URL is absent
        var statuses = probes.statuses(List.of(
                new UrlId(ids.get(0)), new UrlId(ids.get(1)), new UrlId(ids.get(2)), new UrlId(Long.MAX_VALUE)));
        assertThat(statuses).hasSize(3).doesNotContainKey(Long.MAX_VALUE);
        assertThat(statuses.get(ids.get(0)).removedAt()).isEqualTo(gone.removedAt());
        assertThat(statuses.get(ids.get(2)).state()).isEqualTo("WATCHING");

        // the URL still online: a breach of the norm and a reminder listing only it, then the next reminder
        await().atMost(Duration.ofSeconds(20)).until(() -> MAIL.getReceivedMessages().length >= 2);
        MimeMessage reminder = MAIL.getReceivedMessages()[1];
        assertThat(reminder.getSubject()).startsWith("Herinnering");
        assertThat(reminder.getMessageID()).endsWith("-reminder@takedown.example>");
        assertThat(attachments(reminder))
                .hasSize(1)
                .allSatisfy(d -> assertThat(d).contains("/c.jpg"));
        String noticeSubject = "notice:" + notice.getMessageID().replaceAll("\\D", "");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> audit.about(noticeSubject, 10).stream()
                        .anyMatch(e -> e.action().equals("notice.norm-breached")));
        await().atMost(Duration.ofSeconds(20)).until(() -> MAIL.getReceivedMessages().length >= 3);
        MimeMessage again = MAIL.getReceivedMessages()[2];
        assertThat(again.getMessageID()).endsWith("-reminder-2@takedown.example>");
        assertThat(attachments(again)).hasSize(1).allSatisfy(d -> assertThat(d).contains("/c.jpg"));

        // the supervisor's dashboard says so
        users.create("dashboard-" + suffix, Role.HOTLINE_SUPERVISOR, null, "supervisor password");
        WebSession supervisor = WebSession.signedIn(port, "dashboard-" + suffix, "supervisor password");
        assertThat(org.jsoup.Jsoup.parse(supervisor.get("/dashboard").body())
                        .select("#attention")
                        .text())
                .contains("notice(s) with URLs still online after the 24-hour norm");
    }

    @Test
    void webhookNoticesAreSignedRepeatedWithTheSameKeyAndNeverPostedToInternalAddresses() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        long company = companies
                .create("Hook Hosting " + suffix, "NL", "abuse@hook.test", "WEBHOOK", true, null)
                .id();
        companies.addRange(company, "192.0.2.230", "192.0.2.239", null);
        long inner = companies
                .create("Inner Hook Hosting " + suffix, "NL", "abuse@inner.test", "WEBHOOK", true, null)
                .id();
        companies.addRange(inner, "192.0.2.240", "192.0.2.249", null);
        users.create("supervisor-" + suffix, Role.HOTLINE_SUPERVISOR, null, "supervisor password");
        WebSession supervisor = WebSession.signedIn(port, "supervisor-" + suffix, "supervisor password");
        supervisor.get("/attribution/companies/" + company);
        assertThat(supervisor.follow(supervisor.post(
                        "/attribution/companies/" + company + "/webhook", Map.of("url", "ftp://hook.test/x"))))
                .contains("a webhook address starts with https://");
        String hookUrl = "http://127.0.0.1:" + site.port() + "/hook";
        String page = supervisor.follow(
                supervisor.post("/attribution/companies/" + company + "/webhook", Map.of("url", hookUrl)));
        assertThat(page).contains("Webhook set").contains(hookUrl);
        String secret = companies.webhook(company).orElseThrow().secret();
        assertThat(page).contains(secret);
        supervisor.post("/attribution/companies/" + inner + "/webhook", Map.of("url", "http://10.20.30.40:8080/hook"));

        long url = reportAndAssess("http://hook-host.example/h-" + suffix + ".jpg");
        long innerUrl = reportAndAssess("http://inner-hook-host.example/i-" + suffix + ".jpg");

        await().atMost(Duration.ofSeconds(15)).until(() -> hooks.size() >= 2);
        Delivery failed = hooks.get(0);
        Delivery delivered = hooks.get(1);
        assertThat(delivered.headers().getFirst("Idempotency-Key"))
                .matches("<notice-\\d+@takedown\\.example>")
                .isEqualTo(failed.headers().getFirst("Idempotency-Key"));
        assertThat(delivered.headers().getFirst("X-Takedown-Event")).isEqualTo("notice");
        String signature = delivered.headers().getFirst("X-Takedown-Signature");
        String seconds = signature.substring(2, signature.indexOf(','));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.HexFormat.of()
                .formatHex(mac.doFinal((seconds + "." + delivered.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(signature).isEqualTo("t=" + seconds + ",v1=" + expected);
        assertThat(Math.abs(Long.parseLong(seconds) - Instant.now().getEpochSecond()))
                .isLessThan(60);

        ObjectMapper mapper = new ObjectMapper();
        var body = mapper.readTree(delivered.body());
        assertThat(body.get("kind").asText()).isEqualTo("NOTICE");
        assertThat(body.get("company").asText()).isEqualTo("Hook Hosting " + suffix);
        assertThat(body.get("reports")).hasSize(1);
        assertThat(xarfSchema().validate(body.get("reports").get(0))).isEmpty();
        assertThat(body.get("reports").get(0).get("url").asText()).endsWith("/h-" + suffix + ".jpg");
        assertThat(delivered.body()).doesNotContain("i-" + suffix);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> notices.forCompany(company, 5).getFirst().state().equals("SENT"));

        // the company whose webhook points into a private network never gets a request: the delivery is refused
        String innerCompany = "Inner Hook Hosting " + suffix;
        await().atMost(Duration.ofSeconds(15))
                .until(() -> notices.recent(50, false).stream()
                        .anyMatch(n -> n.company().equals(innerCompany)
                                && n.deliveryProblem() != null
                                && n.deliveryProblem().contains("10.20.30.40 (private)")));
        assertThat(notices.recent(50, false))
                .filteredOn(n -> n.company().equals(innerCompany))
                .singleElement()
                .satisfies(n -> assertThat(n.state()).isEqualTo("QUEUED"));
        assertThat(WebSession.text(supervisor.get("/notices").body())).contains("10.20.30.40 (private)");
        assertThat(hooks).hasSize(2);
        assertThat(innerUrl).isNotEqualTo(url);
    }

    static List<String> attachments(MimeMessage message) throws Exception {
        List<String> documents = new ArrayList<>();
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null && part.getFileName().startsWith("xarf-")) {
                try (InputStream in = part.getInputStream()) {
                    documents.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return documents;
    }

    static JsonSchema xarfSchema() {
        Path xarf = TESTDATA.resolve("conformance/xarf").toAbsolutePath().normalize();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(
                        "https://xarf.org/schemas/v4/", xarf.toUri().toString())));
        return factory.getSchema(SchemaLocation.of("https://xarf.org/schemas/v4/types/content-csam.json"));
    }
}

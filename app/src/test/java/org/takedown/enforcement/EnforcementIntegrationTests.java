package org.takedown.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.takedown.enforcement.Decision.AddresseeKind.HOSTER;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.takedown.attribution.HostingCompanies;
import org.takedown.intake.Reports;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.jobs.Job;
import org.takedown.shared.security.ApiScope;
import org.takedown.shared.security.Role;
import org.takedown.shared.text.Text;
import org.takedown.support.Cli;
import org.takedown.support.IntegrationTest;
import org.takedown.support.TestDatabase;
import org.takedown.triage.Triage;

/**
 * A whole enforcement case on the simulated clock: a notice's URLs breach the norm, the watch list flags the provider,
 * the officer accepts the candidate
 * and drafts an order, a supervisor signs it, it is delivered; the hosting company removes two of three URLs in time,
 * which the probes establish at the deadline; the penalty payment forfeits for the third URL, period by period, until
 * it is removed; a fine within the cap; the decisions' documents are kept unchangeable; they are published after the
 * delay; and the audit chain verifies.
 */
@IntegrationTest
@Import(CaseWorld.SiteRoute.class)
@TestPropertySource(
        properties = {
            "takedown.workers.enabled=false",
            "takedown.clock.mode=simulated",
            "takedown.clock.start=2026-06-01T08:00:00Z",
            "takedown.clock.speed=0",
            "takedown.attribution.static-hosts.case-host.example=192.0.2.161",
            "takedown.attribution.static-hosts.case-mail.example=192.0.2.163",
            "takedown.attribution.static-hosts.case-own.example=192.0.2.164",
            "takedown.attribution.static-hosts.case-late.example=192.0.2.165",
            "takedown.probing.allow-loopback=true",
            "takedown.probing.first-look=false",
            "takedown.notices.window=1m",
            "takedown.enforcement.publication-delay=14d",
            "takedown.enforcement.watch.max-online=36h",
            "takedown.enforcement.document-language=en"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EnforcementIntegrationTests {

    @Autowired
    Reports reports;

    @Autowired
    Triage triage;

    @Autowired
    HostingCompanies companies;

    @Autowired
    Enforcement enforcement;

    @Autowired
    SanctionRegister register;

    @Autowired
    AuditLog audit;

    @Autowired
    org.takedown.shared.security.ApiKeys keys;

    @Autowired
    org.takedown.monitoring.Monitor monitor;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    List<Job> jobs;

    @Autowired
    Environment environment;

    @Autowired
    org.takedown.shared.security.UserAccounts users;

    @LocalServerPort
    int port;

    @BeforeAll
    static void site() throws Exception {
        CaseWorld.startSite();
    }

    @AfterEach
    void signOut() {
        CaseWorld.nobody();
    }

    @Test
    void aCaseFromMissedDeadlineToPublishedSanctions() throws Exception {
        CaseWorld world = new CaseWorld(clock, jobs);
        long company = companies
                .create("Case Hosting", "NL", "abuse@case.test", "PORTAL", true, new BigDecimal("2000000"))
                .id();
        companies.addRange(company, "192.0.2.160", "192.0.2.169", null);
        List<Long> urls = world.reportImages(reports, triage, "case-host.example", "c", 3);

        // the notice goes out, nothing is removed: at 24 hours each URL breaches the norm, with its checks; once a URL
        // is online longer than the threshold (36 hours here) the watch list flags the provider
        world.advance(Duration.ofHours(30), Duration.ofMinutes(15));
        assertThat(enforcement.breaches(company, 10)).hasSize(3).allSatisfy(b -> {
            assertThat(b.checks()).isPositive();
            assertThat(b.lastOnlineAt()).isAfter(b.sentAt());
            assertThat(Duration.between(b.sentAt(), b.breachedAt())).isGreaterThanOrEqualTo(Duration.ofHours(24));
        });
        assertThat(candidatesOf("Case Hosting")).isEmpty();
        world.advance(Duration.ofHours(19), Duration.ofMinutes(15));
        assertThat(candidatesOf("Case Hosting")).singleElement().satisfies(k -> {
            assertThat(k.company()).isEqualTo("Case Hosting");
            assertThat(k.urlIds()).containsExactlyInAnyOrderElementsOf(urls);
            assertThat(k.flags()).singleElement().asString().contains("after its notice (threshold: 36 h)");
        });
        long candidate = candidatesOf("Case Hosting").getFirst().id();

        CaseWorld.as("olivia", Role.OFFICER);
        assertThatThrownBy(() -> enforcement.dismiss(candidate, " "))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("dismissing a candidate needs a reason");
        long caseId = enforcement.accept(candidate);
        assertThat(candidatesOf("Case Hosting")).isEmpty();

        // the order: at most 12 hours, only the addressee's URLs, four eyes
        assertThatThrownBy(() -> enforcement.draftOrder(
                        caseId, urls, HOSTER, null, "Art. 3 Wet ATKM", "still online", new BigDecimal("13")))
                .hasMessage("an order's deadline is at most 12 hours after delivery, not 13");
        assertThatThrownBy(() -> enforcement.draftOrder(
                        caseId, urls, HOSTER, null, "Art. 3 Wet ATKM", "still online", new BigDecimal("0")))
                .hasMessageContaining("more than 0 hours");
        assertThatThrownBy(() -> enforcement.draftOrder(
                        caseId, List.of(urls.get(0), 999_999L), HOSTER, null, "Art. 3", "r", BigDecimal.TEN))
                .hasMessageContaining("[999999] are not hosted by Case Hosting");
        long order = enforcement.draftOrder(
                caseId,
                urls,
                HOSTER,
                null,
                "Art. 3 Wet ATKM",
                "three URLs online after the notice's deadline",
                new BigDecimal("12"));
        assertThatThrownBy(() -> enforcement.sign(order))
                .hasMessage("a decision is signed by an authority signatory; a hotline supervisor never signs one");
        CaseWorld.as("olivia", Role.AUTHORITY_SIGNATORY);
        assertThatThrownBy(() -> enforcement.sign(order))
                .hasMessage("four eyes: user:olivia drafted decision " + order + " and cannot sign it too");
        CaseWorld.as("sam", Role.AUTHORITY_SIGNATORY);
        enforcement.sign(order);
        assertThatThrownBy(() -> enforcement.edit(order, "x", "y")).hasMessageContaining("is signed and is not edited");
        CaseWorld.as("olivia", Role.OFFICER);
        Decision delivered =
                enforcement.deliver(order, Decision.Channel.EMAIL, "<order-" + order + "@atkm.example> accepted");
        Instant deadline = delivered.deadlineAt();
        assertThat(deadline).isEqualTo(world.now().plus(Duration.ofHours(12)));

        // two URLs removed in time (after 2 and 11 hours), the third not
        world.advance(Duration.ofHours(2), Duration.ofMinutes(5));
        CaseWorld.pages.remove("/c-0.jpg");
        world.advance(Duration.ofHours(9), Duration.ofMinutes(5));
        CaseWorld.pages.remove("/c-1.jpg");
        world.advance(Duration.ofMinutes(65), Duration.ofMinutes(5));
        Decision checked = enforcement.get(order);
        assertThat(checked.checkedAt()).isNotNull();
        assertThat(checked.urls()).extracting(Decision.OrderUrl::compliant).containsExactly(true, true, false);
        assertThat(checked.urls().get(1).removedAt()).isBefore(deadline).isAfter(deadline.minusSeconds(3600 + 900));

        // the penalty payment: EUR 5 000 per URL per 24 hours, at most 50 000, from 4 hours after its delivery;
        // computed from the checks, never before its delivery
        assertThatThrownBy(() -> enforcement.draftPenalty(
                        caseId, order, new BigDecimal("5000"), 24, new BigDecimal("50000"), null, "Art. 5:32", "r"))
                .hasMessageContaining("a penalty payment states its term");
        long penalty = enforcement.draftPenalty(
                caseId,
                order,
                new BigDecimal("5000"),
                24,
                new BigDecimal("50000"),
                4,
                "Art. 5:32 Awb",
                "URL 3 is still online after the order's deadline");
        CaseWorld.as("sam", Role.AUTHORITY_SIGNATORY);
        enforcement.sign(penalty);
        assertThat(enforcement.get(penalty).penaltyState()).isEqualTo(Decision.PenaltyState.IMPOSED);
        assertThat(org.jsoup.Jsoup.parse(new String(
                                enforcement.document(penalty, "html").content(),
                                java.nio.charset.StandardCharsets.UTF_8))
                        .text())
                .contains("Nothing is forfeited before 4 hours after this decision is delivered to you")
                .contains("a provider of a hosting service; address for service: abuse@case.test");
        world.advance(Duration.ofHours(1), Duration.ofMinutes(30));
        assertThat(enforcement.get(penalty).forfeited()).as("not delivered yet").isEqualByComparingTo("0");
        CaseWorld.as("olivia", Role.OFFICER);
        Decision deliveredPenalty = enforcement.deliver(penalty, Decision.Channel.BAILIFF, "bailiff's report 2026-117");
        assertThat(deliveredPenalty.deliveredAt()).isEqualTo(world.now());
        world.advance(Duration.ofHours(4), Duration.ofMinutes(30));
        assertThat(enforcement.get(penalty).forfeited()).as("within its term").isEqualByComparingTo("0");
        world.advance(Duration.ofHours(26), Duration.ofMinutes(30));
        assertThat(enforcement.get(penalty).forfeited()).isEqualByComparingTo("10000"); // two periods begun
        assertThat(enforcement.get(penalty).penaltyState()).isEqualTo(Decision.PenaltyState.FORFEITED_PARTLY);
        CaseWorld.pages.remove("/c-2.jpg");
        world.advance(Duration.ofHours(30), Duration.ofMinutes(15));
        assertThat(enforcement.get(penalty).forfeited())
                .as("no third period: the URL was removed in the second (56 hours after the term would be three)")
                .isEqualByComparingTo("10000");

        // the provider's own DSA figures over the hoster API: one notice with three URLs, two removed on the order
        String hosterKey = keys.create("case-hoster", List.of(ApiScope.HOSTER), company, null)
                .token();
        org.takedown.support.ApiClient hosterApi = new org.takedown.support.ApiClient(port);
        LocalDate day = LocalDate.ofInstant(world.now(), ZoneOffset.UTC);
        HttpResponse<String> figures =
                hosterApi.get("/api/v1/hoster/dsa/figures?from=" + day.minusDays(10) + "&to=" + day, hosterKey);
        assertThat(figures.statusCode()).isEqualTo(200);
        assertThat(figures.body())
                .contains("\"received\":1")
                .contains("\"child_sexual_abuse_material\":3")
                .contains("\"givenEffect\":2");
        HttpResponse<String> statements = hosterApi.get(
                "/api/v1/hoster/dsa/statements?format=csv&from=" + day.minusDays(10) + "&to=" + day, hosterKey);
        assertThat(statements.statusCode()).isEqualTo(200);
        assertThat(statements.body().lines()).hasSize(1 + 3 + 3); // header, notice and order statements
        assertThat(hosterApi
                        .get("/api/v1/hoster/dsa/statements?format=xml", hosterKey)
                        .statusCode())
                .isEqualTo(400);

        // the fine: a registered turnover of 2 000 000 caps it at 200 000
        CaseWorld.as("olivia", Role.OFFICER);
        assertThatThrownBy(() -> enforcement.draftFine(
                        caseId, new BigDecimal("250000"), "orders ignored", "Art. 7", "repeated", null, null))
                .hasMessage("a fine is at most 10 % of the annual turnover: at most EUR 200000.00, not 250000");
        long fine = enforcement.draftFine(
                caseId,
                new BigDecimal("150000"),
                "order " + order + " not complied with for URL 3",
                "Art. 7 Wet ATKM",
                "repeated breach",
                null,
                null);
        assertThat(enforcement.get(fine).turnoverSource()).isEqualTo("registry");
        // four eyes cannot be bypassed by editing another's draft and signing it
        CaseWorld.as("sam", Role.AUTHORITY_SIGNATORY);
        enforcement.edit(fine, "Art. 7 Wet ATKM", "repeated breach of order " + order);
        assertThatThrownBy(() -> enforcement.sign(fine))
                .hasMessage("four eyes: user:sam last changed decision " + fine
                        + " and cannot sign it too; another signatory signs");
        // a hotline supervisor never signs an authority decision
        CaseWorld.as("hanna", Role.HOTLINE_SUPERVISOR);
        assertThatThrownBy(() -> enforcement.sign(fine))
                .hasMessage("a decision is signed by an authority signatory; a hotline supervisor never signs one");
        CaseWorld.as("tess", Role.AUTHORITY_SIGNATORY);
        enforcement.sign(fine);
        // the fine is delivered like an order
        CaseWorld.as("olivia", Role.OFFICER);
        enforcement.deliver(fine, Decision.Channel.REGISTERED_MAIL, "registered letter RR 1234 NL, signed for");
        assertThat(enforcement.get(fine).deliveredAt()).isNotNull();

        // publication is a decision: orders never, sanctions by default, decided by a signatory
        assertThat(enforcement.get(order).publication().publish()).isFalse();
        assertThat(enforcement.get(fine).publication().publish()).isTrue();
        assertThatThrownBy(() -> enforcement.decidePublication(penalty, false, "risk to an investigation"))
                .hasMessage("whether a sanction decision is published is decided by an authority signatory");
        CaseWorld.as("sam", Role.AUTHORITY_SIGNATORY);
        assertThatThrownBy(() -> enforcement.decidePublication(order, true, null))
                .hasMessageContaining("an order is not published as a sanction");
        assertThatThrownBy(() -> enforcement.decidePublication(penalty, false, " "))
                .hasMessage("not publishing a sanction decision needs its reasons");
        enforcement.decidePublication(penalty, true, null);

        // documents: the facts inside, kept as issued, their hash in the audit log
        byte[] pdf = enforcement.document(order, "pdf").content();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true); // reading order, as a person reads the page
            assertThat(stripper.getText(document))
                    .contains("Order to make material inaccessible")
                    .contains("Art. 3 Wet ATKM")
                    .contains("/c-2.jpg") // the URL column wraps
                    .contains("within 12 hours of the delivery")
                    .contains("Objection and appeal");
        }
        String pdfHash = enforcement.document(order, "pdf").sha256();
        assertThat(audit.about("decision:" + order, 20))
                .anySatisfy(e -> assertThat(e.details().toString()).contains(pdfHash));
        assertThatThrownBy(() -> jdbc.sql("UPDATE enforcement_document SET content = '\\x00' WHERE decision_id = ?")
                        .param(order)
                        .update())
                .hasMessageContaining("decision documents are kept as issued");

        // a new version instead of an edit; objection recorded
        CaseWorld.as("olivia", Role.OFFICER);
        long v2 = enforcement.newVersion(fine);
        assertThat(enforcement.get(v2).version()).isEqualTo(2);
        enforcement.objection(fine, Decision.ObjectionStatus.OBJECTION_FILED, null);
        assertThatThrownBy(() -> enforcement.objection(fine, Decision.ObjectionStatus.NONE, null))
                .hasMessageContaining("comes before it");

        // the sanctions are published after the delay (the order is not), withdrawal recorded, not erased
        assertThat(register.published()).noneMatch(p -> p.company().equals("Case Hosting"));
        assertThat(registerRows()).noneMatch(row -> row.startsWith("Case Hosting"));
        world.advance(Duration.ofDays(15), Duration.ofDays(1));
        assertThat(register.published())
                .filteredOn(p -> p.company().equals("Case Hosting"))
                .extracting(SanctionRegister.Publication::decisionId)
                .containsExactlyInAnyOrder(penalty, fine);
        LocalDate published = LocalDate.ofInstant(world.now(), ZoneOffset.UTC);
        SanctionRegister.Statistics before = register.statistics(published.withDayOfYear(1), published);
        assertThat(before.penaltiesForfeited()).isEqualTo(1);
        assertThat(before.forfeitedTotal()).isEqualByComparingTo("10000");
        // one officer alone can neither withdraw a signed decision nor end a penalty payment
        CaseWorld.as("olivia", Role.OFFICER);
        assertThat(enforcement.withdraw(penalty, "replaced by the fine")).isEqualTo(Enforcement.Change.REQUESTED);
        assertThat(enforcement.get(penalty).withdrawnAt()).isNull();
        assertThatThrownBy(() -> enforcement.withdraw(penalty, "again"))
                .hasMessageContaining("four eyes: user:olivia asked for this change");
        assertThat(enforcement.endPenalty(penalty)).isEqualTo(Enforcement.Change.REQUESTED);
        assertThatThrownBy(() -> enforcement.endPenalty(penalty)).hasMessageContaining("a second person confirms it");
        assertThat(enforcement.get(penalty).endedAt()).isNull();
        CaseWorld.as("olga", Role.OFFICER);
        assertThatThrownBy(() -> enforcement.withdraw(penalty, null))
                .hasMessage("a change of a signed decision is confirmed by an authority signatory");
        assertThat(enforcement.pendingChanges(caseId))
                .extracting(Enforcement.ChangeRequest::kind)
                .containsExactlyInAnyOrder(Enforcement.ChangeKind.WITHDRAW, Enforcement.ChangeKind.END_PENALTY);
        CaseWorld.as("sam", Role.AUTHORITY_SIGNATORY);
        assertThat(enforcement.withdraw(penalty, null)).isEqualTo(Enforcement.Change.DONE);
        assertThat(audit.about("decision:" + penalty, 30))
                .extracting(e -> e.action())
                .contains("enforcement.change-requested", "enforcement.change-confirmed");
        assertThat(registerRows()).anyMatch(row -> row.startsWith("Case Hosting"));
        assertThat(publicRegister())
                .contains("150000")
                .contains("OBJECTION_FILED")
                .contains("withdrawn")
                .contains("replaced by the fine");

        // a court suspends the fine's publication: it leaves the register; an annulled decision leaves it too
        CaseWorld.as("olivia", Role.OFFICER);
        enforcement.suspendPublication(fine, "Rb. Rotterdam 26/4711, voorlopige voorziening");
        assertThat(enforcement.get(fine).publication().allowed()).isFalse();
        assertThat(register.published()).noneMatch(p -> p.decisionId() == fine);
        assertThat(publicRegister()).doesNotContain("150000");
        enforcement.annul(penalty, "objection upheld");
        assertThat(register.published()).noneMatch(p -> p.company().equals("Case Hosting"));
        assertThat(audit.about("decision:" + fine, 30))
                .extracting(e -> e.action())
                .contains("enforcement.decision-delivered", "enforcement.publication-suspended");

        // statistics for the yearly report, and the register in the monitor's report
        LocalDate today = LocalDate.ofInstant(world.now(), ZoneOffset.UTC);
        assertThat(monitor.report(today.withDayOfYear(1), today, null, null).sanctions())
                .noneMatch(x -> x.company().equals("Case Hosting"));
        SanctionRegister.Statistics statistics = register.statistics(today.withDayOfYear(1), today);
        assertThat(statistics.penaltiesForfeited())
                .as("the penalty payment was withdrawn")
                .isZero();
        assertThat(statistics.fines()).isEqualTo(1);
        assertThat(statistics.publisher()).startsWith("the authority").contains("not a provider's DSA report");

        CaseWorld.nobody();
        assertThat(Cli.run(TestDatabase.Info.of(environment), "audit", "verify"))
                .startsWith("0|");
    }

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("takedown.notices.smtp.host", () -> "127.0.0.1");
        registry.add("takedown.notices.smtp.port", () -> MAIL.getSmtp().getPort());
    }

    @Test
    void anOrderEMailedThroughTheOutboxIsDeliveredWhenTheMailServerAcceptsIt() throws Exception {
        CaseWorld world = new CaseWorld(clock, jobs);
        long company = companies
                .create("Mail Case Hosting", "NL", "abuse@mailcase.test", "PORTAL", true, null)
                .id();
        companies.addRange(company, "192.0.2.163", "192.0.2.163", null);
        List<Long> urls = world.reportImages(reports, triage, "case-mail.example", "m", 1);
        world.advance(Duration.ofHours(49), Duration.ofMinutes(15));
        CaseWorld.as("olivia", Role.OFFICER);
        long candidate = enforcement.openCandidates().stream()
                .filter(k -> k.company().equals("Mail Case Hosting"))
                .findFirst()
                .orElseThrow()
                .id();
        long caseId = enforcement.accept(candidate);

        // the authority's systems draft through the API, under the same rules
        String key = keys.create("atkm-system", List.of(ApiScope.ENFORCEMENT), null, null)
                .token();
        org.takedown.support.ApiClient api = new org.takedown.support.ApiClient(port);
        HttpResponse<String> tooLong = api.post(
                "/api/v1/enforcement/cases/" + caseId + "/orders",
                key,
                "{\"urlIds\":" + urls + ",\"legalBasis\":\"Art. 3\",\"reasons\":\"online\",\"deadlineHours\":13}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("an order's deadline is at most 12 hours after delivery, not 13");
        HttpResponse<String> created = api.post(
                "/api/v1/enforcement/cases/" + caseId + "/orders",
                key,
                "{\"urlIds\":" + urls + ",\"legalBasis\":\"Art. 3\",\"reasons\":\"online\",\"deadlineHours\":2}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(api.get("/api/v1/enforcement/cases/" + caseId + "/decisions", key)
                        .body())
                .contains("\"state\":\"DRAFT\"")
                .contains("\"createdBy\":\"apikey:");
        String hosterKey = keys.create("hoster-key", List.of(ApiScope.HOSTER), company, null)
                .token();
        assertThat(api.get("/api/v1/enforcement/cases", hosterKey).statusCode()).isEqualTo(403);

        long order = enforcement.draftOrder(caseId, urls, HOSTER, null, "Art. 3 Wet ATKM", "online", BigDecimal.ONE);
        CaseWorld.as("sam", Role.AUTHORITY_SIGNATORY);
        enforcement.sign(order);
        CaseWorld.as("olivia", Role.OFFICER);
        Decision queued = enforcement.deliver(order, Decision.Channel.EMAIL, "");
        assertThat(queued.deliveredAt()).as("not delivered before it is sent").isNull();
        assertThat(queued.deliveryProof()).startsWith("queued in the outbox as <message-");
        assertThatThrownBy(() -> enforcement.deliver(order, Decision.Channel.EMAIL, ""))
                .hasMessageContaining("already");

        Instant sending = world.now();
        world.drain();
        jakarta.mail.internet.MimeMessage mail = java.util.Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getSubject().startsWith("Order " + order + ":");
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow();
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("abuse@mailcase.test");
        assertThat(mail.getSubject()).isEqualTo("Order " + order + ": make material inaccessible within 1 hours");
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) mail.getContent();
        jakarta.mail.BodyPart pdf = parts.getBodyPart(parts.getCount() - 1);
        assertThat(pdf.getFileName()).isEqualTo("order-" + order + ".pdf");
        assertThat(pdf.getInputStream().readAllBytes())
                .isEqualTo(enforcement.document(order, "pdf").content());

        Decision delivered = enforcement.get(order);
        assertThat(delivered.deliveredAt()).isEqualTo(sending);
        assertThat(delivered.deadlineAt()).isEqualTo(sending.plus(Duration.ofHours(1)));
        assertThat(delivered.deliveryProof())
                .contains("Message-ID " + mail.getMessageID())
                .contains("accepted");

        // without a registered turnover a fine needs the officer's estimate with its source; the cap applies to it
        CaseWorld.as("olivia", Role.OFFICER);
        assertThatThrownBy(() -> enforcement.draftFine(
                        caseId, new BigDecimal("50000"), "order ignored", "Art. 7", "r", null, null))
                .hasMessageContaining("none is registered, so record an estimate with its source");
        assertThatThrownBy(() -> enforcement.draftFine(
                        caseId, new BigDecimal("50000"), "order ignored", "Art. 7", "r", new BigDecimal("300000"), " "))
                .hasMessage("an estimated turnover needs its source");
        assertThatThrownBy(() -> enforcement.draftFine(
                        caseId,
                        new BigDecimal("50000"),
                        "order ignored",
                        "Art. 7",
                        "r",
                        new BigDecimal("300000"),
                        "Chamber of Commerce filing 2025"))
                .hasMessageContaining("at most EUR 30000.00");
        long fine = enforcement.draftFine(
                caseId,
                new BigDecimal("25000"),
                "order ignored",
                "Art. 7",
                "r",
                new BigDecimal("300000"),
                "Chamber of Commerce filing 2025");
        assertThat(enforcement.get(fine).turnover()).isEqualByComparingTo("300000");
        assertThat(enforcement.get(fine).turnoverSource()).isEqualTo("estimate: Chamber of Commerce filing 2025");
    }

    @Test
    void aProviderThatRemovesAt30HoursBreachesTheNormAndIsFlaggedOnceTheWindowHoldsTenUrls() throws Exception {
        CaseWorld world = new CaseWorld(clock, jobs);
        long company = companies
                .create("Late Hosting", "NL", "abuse@late.test", "PORTAL", true, null)
                .id();
        companies.addRange(company, "192.0.2.165", "192.0.2.165", null);
        List<Long> first = world.reportImages(reports, triage, "case-late.example", "l", 9);
        removeAfterThirtyHours(world, "l", first);
        assertThat(enforcement.breaches(company, 100)).hasSize(9);
        ProviderStanding nine = standing(company);
        assertThat(nine.urls()).isEqualTo(9);
        assertThat(nine.withinNorm()).isZero();
        assertThat(nine.longestOnline()).isBetween(Duration.ofHours(30), Duration.ofHours(31));
        assertThat(nine.flagged())
                .as("fewer than 10 URLs: the share is not judged yet")
                .isFalse();
        assertThat(candidatesOf("Late Hosting")).isEmpty();

        List<Long> tenth = world.reportImages(reports, triage, "case-late.example", "m", 1);
        removeAfterThirtyHours(world, "m", tenth);
        assertThat(enforcement.breaches(company, 100))
                .extracting(Breach::urlId)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(first.stream(), tenth.stream())
                        .toList());
        ProviderStanding ten = standing(company);
        assertThat(Text.english(ten.flags()))
                .singleElement()
                .isEqualTo("removed 0 % of 10 URLs within 24 h (threshold: below 80 % with at least 10 URLs)");
        assertThat(candidatesOf("Late Hosting")).singleElement().satisfies(k -> {
            assertThat(k.flags()).isEqualTo(Text.english(ten.flags()));
            assertThat(k.urlIds()).hasSize(10);
        });
        // a dismissed flag stays quiet for 30 days
        CaseWorld.as("olivia", Role.OFFICER);
        enforcement.dismiss(candidatesOf("Late Hosting").getFirst().id(), "talks with the provider first");
        world.advance(Duration.ofHours(3), Duration.ofMinutes(30));
        assertThat(candidatesOf("Late Hosting")).isEmpty();
    }

    /**
     * The simulated provider takes its pages down 30 hours after the notice; the checks then find them gone. The clock
     * moves in 5-minute steps until the checks watch every URL, i.e. the notice went out: how many steps that takes
     * depends on the order the jobs find their work in, so the test does not assume it.
     */
    private void removeAfterThirtyHours(CaseWorld world, String prefix, List<Long> urlIds) {
        for (int step = 0; notified(urlIds) < urlIds.size(); step++) {
            assertThat(step).as("steps of 5 minutes until the notice went out").isLessThan(36);
            world.advance(Duration.ofMinutes(5), Duration.ofMinutes(5));
        }
        world.advance(Duration.ofHours(30), Duration.ofMinutes(15));
        for (int i = 0; i < urlIds.size(); i++) {
            CaseWorld.pages.remove("/" + prefix + "-" + i + ".jpg");
        }
        world.advance(Duration.ofHours(2), Duration.ofMinutes(5));
    }

    /** URLs of the list in a notice that was sent: the 24 hours run from then (checks may start before it). */
    private long notified(List<Long> urlIds) {
        return jdbc.sql("SELECT count(DISTINCT u.url_id) FROM notice_url u JOIN notice n ON n.id = u.notice_id"
                        + " WHERE n.sent_at IS NOT NULL AND u.url_id = ANY(?)")
                .param(urlIds.toArray(Long[]::new))
                .query(Long.class)
                .single();
    }

    private ProviderStanding standing(long company) {
        return enforcement.watchList().stream()
                .filter(s -> s.companyId() == company)
                .findFirst()
                .orElseThrow();
    }

    private List<Candidate> candidatesOf(String company) {
        return enforcement.openCandidates().stream()
                .filter(k -> k.company().equals(company))
                .toList();
    }

    @Test
    void theAuthoritysOwnReportIsAttributedCheckedAndOrderedWithoutANotice() throws Exception {
        CaseWorld world = new CaseWorld(clock, jobs);
        long company = companies
                .create("Own Case Hosting", "NL", "abuse@own.test", "PORTAL", true, null)
                .id();
        companies.addRange(company, "192.0.2.164", "192.0.2.164", null);
        try (var images =
                java.nio.file.Files.list(CaseWorld.TESTDATA.resolve("conformance/pdq/images/labelme-subset"))) {
            CaseWorld.pages.put(
                    "/own-0.jpg",
                    java.nio.file.Files.readAllBytes(images.sorted().findFirst().orElseThrow()));
        }
        CaseWorld.as("olivia", Role.OFFICER);
        assertThatThrownBy(() -> enforcement.registerOwnReport(" ", OwnReport.Origin.POLICE, null))
                .hasMessage("a report needs its URL");
        long url = enforcement.registerOwnReport(
                "http://case-own.example/own-0.jpg", OwnReport.Origin.POLICE, "PV 2026-0088");
        world.advance(Duration.ofMinutes(10), Duration.ofMinutes(5));
        assertThat(enforcement.ownReports()).anySatisfy(r -> {
            assertThat(r.urlId()).isEqualTo(url);
            assertThat(r.company()).isEqualTo("Own Case Hosting");
            assertThat(r.reference()).isEqualTo("PV 2026-0088");
        });
        // never the hotline's: not in its triage, and its source is offered to nobody else
        assertThat(jdbc.sql("SELECT count(*) FROM triage_case WHERE url_id = ?")
                        .param(url)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(reports.sources()).doesNotContain("authority");
        assertThatThrownBy(() -> reports.submit(
                        org.takedown.intake.Channel.API, "authority", null, null, null, List.of("http://x.example/")))
                .hasMessageContaining("unknown source 'authority'");

        // an order without a hotline notice: the checks watch the URL from the order's delivery
        long caseId = enforcement.openCase(company, "police report PV 2026-0088");
        long order = enforcement.draftOrder(
                caseId, List.of(url), HOSTER, null, "Art. 3 Wet ATKM", "reported by the police", BigDecimal.TEN);
        CaseWorld.as("sam", Role.AUTHORITY_SIGNATORY);
        enforcement.sign(order);
        CaseWorld.as("olivia", Role.OFFICER);
        enforcement.deliver(order, Decision.Channel.PORTAL, "shown in the portal, acknowledged");
        world.advance(Duration.ofHours(2), Duration.ofMinutes(5));
        CaseWorld.pages.remove("/own-0.jpg");
        world.advance(Duration.ofHours(9), Duration.ofMinutes(5));
        assertThat(enforcement.get(order).urls())
                .singleElement()
                .satisfies(u -> assertThat(u.compliant()).isTrue());

        // the platform on which it was shared is a registered provider too, served the same way
        long platform = companies
                .create("Chatter Platform", "NL", "legal@chatter.test", "PORTAL", true, null)
                .id();
        assertThatThrownBy(() -> enforcement.draftOrder(
                        caseId, List.of(url), Decision.AddresseeKind.PLATFORM, null, "Art. 3", "r", BigDecimal.ONE))
                .hasMessage("an order to the platform or upstream names that registered provider");
        assertThatThrownBy(() -> enforcement.draftOrder(
                        caseId, List.of(url), Decision.AddresseeKind.PLATFORM, platform, "Art. 3", "r", BigDecimal.ONE))
                .hasMessageContaining("Chatter Platform is not registered as an addressee");
        enforcement.registerAddressee(
                platform, Addressee.ServiceKind.COMMUNICATION, "Chatter B.V., Postbus 1, 1000 AA Amsterdam");
        long toPlatform = enforcement.draftOrder(
                caseId, List.of(url), Decision.AddresseeKind.PLATFORM, platform, "Art. 3", "shared", BigDecimal.ONE);
        assertThat(enforcement.get(toPlatform).addressee()).isEqualTo("Chatter Platform");
        assertThat(enforcement.get(toPlatform).addresseeId()).isEqualTo(platform);
        CaseWorld.as("sam", Role.AUTHORITY_SIGNATORY);
        enforcement.sign(toPlatform);
        CaseWorld.as("olivia", Role.OFFICER);
        enforcement.deliver(toPlatform, Decision.Channel.EMAIL, null);
        world.drain();
        assertThat(java.util.Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals("legal@chatter.test");
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }))
                .hasSize(1);
        assertThat(enforcement.get(toPlatform).deliveredAt()).isNotNull();
    }

    @Test
    void eachOrganisationIsRefusedTheOthersWork() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        for (Role role : List.of(Role.HOTLINE_SUPERVISOR, Role.ANALYST, Role.OFFICER, Role.AUTHORITY_SIGNATORY)) {
            users.create(role.name().toLowerCase(java.util.Locale.ROOT) + suffix, role, null, "a long password!");
        }
        org.takedown.support.WebSession hotline =
                org.takedown.support.WebSession.signedIn(port, "hotline_supervisor" + suffix, "a long password!");
        org.takedown.support.WebSession analyst =
                org.takedown.support.WebSession.signedIn(port, "analyst" + suffix, "a long password!");
        org.takedown.support.WebSession officer =
                org.takedown.support.WebSession.signedIn(port, "officer" + suffix, "a long password!");
        org.takedown.support.WebSession signatory =
                org.takedown.support.WebSession.signedIn(port, "authority_signatory" + suffix, "a long password!");
        for (org.takedown.support.WebSession hotlineUser : List.of(hotline, analyst)) {
            for (String page : List.of("/enforcement", "/enforcement/watch", "/enforcement/cases/1")) {
                assertThat(hotlineUser.get(page).statusCode()).as(page).isEqualTo(403);
            }
            assertThat(hotlineUser.get("/intake").statusCode()).isEqualTo(200); // a fresh CSRF token
            assertThat(hotlineUser
                            .post("/enforcement/decisions/1/sign", Map.of())
                            .statusCode())
                    .isEqualTo(403);
            assertThat(hotlineUser.get("/intake").statusCode()).isEqualTo(200);
            assertThat(hotlineUser.post("/intake/urls/999999/claim", Map.of()).statusCode())
                    .as("the same request with its token is let through in its own area")
                    .isNotEqualTo(403);
        }
        for (org.takedown.support.WebSession authorityUser : List.of(officer, signatory)) {
            for (String page : List.of("/intake", "/notices", "/matching/banks", "/attribution/companies")) {
                assertThat(authorityUser.get(page).statusCode()).as(page).isEqualTo(403);
            }
            assertThat(authorityUser.get("/enforcement/watch").statusCode()).isEqualTo(200); // a fresh CSRF token
            assertThat(authorityUser
                            .post("/intake/urls/1/assessment", Map.of("assessment", "BASELINE"))
                            .statusCode())
                    .isEqualTo(403);
            assertThat(authorityUser.get("/enforcement/watch").statusCode()).isEqualTo(200);
            assertThat(authorityUser
                            .post("/intake/urls/1/confirmation", Map.of())
                            .statusCode())
                    .isEqualTo(403);
            assertThat(authorityUser.get("/enforcement/watch").statusCode()).isEqualTo(200);
            assertThat(authorityUser
                            .post("/enforcement/candidates/999999/dismiss", Map.of("reason", "none"))
                            .statusCode())
                    .as("the same request with its token is let through in its own area")
                    .isNotEqualTo(403);
        }
        // the menu follows: each sees only its own organisation's areas
        assertThat(hotline.get("/dashboard").body()).doesNotContain("href=\"/enforcement\"");
        assertThat(officer.get("/dashboard").body()).doesNotContain("href=\"/intake\"");
    }

    /** The register's rows from the company column on, as text. */
    List<String> registerRows() throws Exception {
        return org.jsoup.Jsoup.parse(publicRegisterHtml()).select("#sanctions tbody tr").stream()
                .map(tr -> tr.select("td").stream()
                        .skip(1)
                        .map(td -> td.text())
                        .reduce((a, b) -> a + " " + b)
                        .orElse(""))
                .toList();
    }

    String publicRegister() throws Exception {
        return org.jsoup.Jsoup.parse(publicRegisterHtml()).text();
    }

    String publicRegisterHtml() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sanctions"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }
}

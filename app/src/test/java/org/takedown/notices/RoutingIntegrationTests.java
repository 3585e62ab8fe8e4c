package org.takedown.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.UrlAttributions;
import org.takedown.intake.Channel;
import org.takedown.intake.Reports;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import org.takedown.support.IntegrationTest;
import org.takedown.support.WebSession;
import org.takedown.triage.Triage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routing after triage, through the workbench and the queues page: NL-hosted illegal URLs wait for a notice to their
 * company, illegal URLs abroad are referred per country, NEEDS_POLICE goes to the police; exports hand them over as
 * CSV and JSON and mark them sent; a URL that moves is routed again. The tests' fixed host table: routing-nl.example
 * and moving.example in NL (AS64500), far.example in the US (AS64502), v6only.example in DE (AS64503, IPv6 only).
 */
@IntegrationTest
class RoutingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Reports reports;

    @Autowired
    Triage triage;

    @Autowired
    HostingCompanies companies;

    @Autowired
    UrlAttributions attributions;

    @Autowired
    Routing routing;

    @Autowired
    AuditLog audit;

    @Autowired
    JsonMapper json;

    String suffix;
    WebSession analyst;

    @BeforeEach
    void signIn() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "analyst-" + suffix;
        users.create(name, Role.ANALYST, null, "routing password");
        analyst = WebSession.signedIn(port, name, "routing password");
    }

    long report(String url) {
        return reports.submit(Channel.API, "police", "ref-" + suffix, null, null, List.of(url))
                .accepted()
                .get(0)
                .urlId();
    }

    void awaitHosting(long urlId) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> triage.get(urlId).hosting().country() != null);
    }

    void assess(long urlId, String assessment, String reason) {
        analyst.get("/intake/urls/" + urlId);
        assertThat(analyst.follow(analyst.post(
                        "/intake/urls/" + urlId + "/assessment", Map.of("assessment", assessment, "reason", reason))))
                .contains("URL " + urlId + " assessed as " + assessment);
    }

    @Test
    void assessedUrlsGoToTheQueueOfWhereTheyAreHostedAndReferralsAreExportedOnce() throws Exception {
        long dutch = companies
                .create("Routing NL " + suffix, "NL", "abuse@nl.test", "EMAIL", true, null)
                .id();
        companies.addRange(dutch, "192.0.2.64", "192.0.2.95", null);
        long nl = report("http://routing-nl.example/" + suffix + ".jpg");
        long far = report("http://far.example/" + suffix);
        long v6 = report("https://v6only.example/" + suffix);
        long police = report("http://routing-nl.example/" + suffix + "/police");
        long fine = report("http://routing-nl.example/" + suffix + "/adult");
        long nowhere = report("http://nowhere-" + suffix + ".example/x");
        awaitHosting(nl);
        awaitHosting(far);

        // the workbench shows where each URL is hosted and filters by it
        String usQueue = WebSession.text(analyst.get("/intake?country=US").body());
        assertThat(usQueue).contains("http://far.example/" + suffix).doesNotContain("routing-nl.example/" + suffix);
        assertThat(analyst.get("/intake?hoster=far+away").body()).contains("data-url=\"" + far + "\"");

        assess(nl, "BASELINE", "");
        assess(far, "NATIONAL", "");
        assess(v6, "BASELINE", ""); // possibly before it is attributed: routed once it is
        assess(police, "NEEDS_POLICE", "grooming in the comments");
        assess(fine, "NOT_ILLEGAL", "adult");
        assess(nowhere, "BASELINE", "");

        await().atMost(Duration.ofSeconds(10)).until(() -> routing.current(v6) != null);
        assertThat(routing.current(nl)).isEqualTo(new Route(Queue.NOTICE, "NL", dutch, "Routing NL " + suffix));
        assertThat(routing.current(far))
                .extracting(Route::queue, Route::country)
                .containsExactly(Queue.REFERRAL, "US");
        assertThat(routing.current(v6)).extracting(Route::queue, Route::country).containsExactly(Queue.REFERRAL, "DE");
        assertThat(routing.current(police))
                .extracting(Route::queue, Route::country)
                .containsExactly(Queue.POLICE, "NL");
        assertThat(routing.current(fine)).isNull();
        assertThat(routing.current(nowhere)).isNull();

        String page = WebSession.text(analyst.get("/notices").body());
        assertThat(page).contains("wait for attribution").contains("Export 1 and mark sent");
        assertThat(analyst.get("/notices?queue=REFERRAL&country=DE").body())
                .contains("https://v6only.example/" + suffix)
                .doesNotContain("far.example/" + suffix);

        // hand over the German referrals: marked sent, downloadable as CSV and JSON, not exported twice
        String done = analyst.follow(analyst.post("/notices/exports", Map.of("queue", "REFERRAL", "country", "DE")));
        assertThat(done).containsPattern("Export \\d+ holds 1 URL\\(s\\), now marked sent");
        Routing.Export export = routing.exports(1).getFirst();
        assertThat(export.queue()).isEqualTo(Queue.REFERRAL);
        String csv = analyst.get("/notices/exports/" + export.id() + ".csv").body();
        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .get()
                .parse(new StringReader(csv))
                .getRecords();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get("url")).isEqualTo("https://v6only.example/" + suffix);
        assertThat(rows.getFirst().get("country")).isEqualTo("DE");
        assertThat(rows.getFirst().get("ips")).isEqualTo("2001:db8:1::9");
        assertThat(rows.getFirst().get("hosting_company")).isEqualTo("IPv6 Only Hosting");
        JsonNode document = json.readTree(
                analyst.get("/notices/exports/" + export.id() + ".json").body());
        assertThat(document.path("export").path("country").asString()).isEqualTo("DE");
        assertThat(document.path("urls").get(0).path("assessment").asString()).isEqualTo("BASELINE");
        assertThat(analyst.follow(analyst.post("/notices/exports", Map.of("queue", "REFERRAL", "country", "DE"))))
                .contains("nothing waiting in the referral queue for DE");
        assertThat(analyst.follow(analyst.post("/notices/exports", Map.of("queue", "NOTICE"))))
                .contains("notices are sent to each hosting company, not exported");
        assertThat(audit.about("export:" + export.id(), 5))
                .singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo("referral.exported"));

        String policeCsv = analyst.get(
                        "/notices/exports/" + routing.export(Queue.POLICE, null).id() + ".csv")
                .body();
        assertThat(policeCsv).contains("grooming in the comments");
    }

    @Test
    void aUrlThatMovesAbroadIsRoutedAgain() {
        long id = report("http://moving.example/" + suffix);
        awaitHosting(id);
        assess(id, "BASELINE", "");
        await().atMost(Duration.ofSeconds(10)).until(() -> routing.current(id) != null);
        assertThat(routing.current(id).queue()).isEqualTo(Queue.NOTICE);

        // the hoster turns out to be a reseller: the domain is served by a German company
        long german = companies
                .create("Moved To " + suffix, "DE", "abuse@de.test", "EMAIL", false, null)
                .id();
        companies.addDomainOverride(german, "moving.example", "reseller");
        analyst.follow(analyst.post("/attribution/urls/" + id + "/check", Map.of()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> attributions.history(id).size() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> routing.current(id).queue() == Queue.REFERRAL);
        assertThat(routing.current(id)).isEqualTo(new Route(Queue.REFERRAL, "DE", german, "Moved To " + suffix));
        assertThat(triage.get(id).hosting().company()).isEqualTo("Moved To " + suffix);
        assertThat(WebSession.text(analyst.get("/attribution/urls/" + id).body()))
                .contains("Moved To " + suffix)
                .contains("Example Hosting");
        assertThat(audit.about("url:" + id, 10))
                .anySatisfy(e -> assertThat(e.action() + " " + e.details())
                        .contains("url.rerouted")
                        .contains("REFERRAL DE"));
    }
}

package org.takedown.probing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.takedown.intake.Channel;
import org.takedown.intake.Reports;
import org.takedown.matching.Banks;
import org.takedown.matching.HashCheck;
import org.takedown.matching.HashQuery;
import org.takedown.shared.documents.LineFile;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import org.takedown.support.IntegrationTest;
import org.takedown.support.WebSession;
import org.takedown.triage.QueuedUrl;
import org.takedown.triage.Triage;

/**
 * The first look at reported URLs, against a simulated site on loopback (allowed in this context only): a benign
 * reference image in a hash list is proposed as BASELINE, on its own URL and embedded in a page; the analyst confirms
 * with one click; a list that confirms its matches automatically assesses the URL by that rule; pages are summed up
 * as text and no imagery is ever shown.
 */
@IntegrationTest
@TestPropertySource(
        properties = {"takedown.probing.allow-loopback=true", "takedown.attribution.static-hosts.look.example=127.0.0.1"
        })
class FirstLookIntegrationTests {

    static final Path PDQ =
            Path.of(System.getProperty("takedown.testdata", "../testdata")).resolve("conformance/pdq");
    static final String IMAGE = "images/dih/bridge-1-original.jpg";

    static HttpServer site;
    static byte[] photo;
    static byte[] otherPhoto;

    @BeforeAll
    static void startSite() throws IOException {
        photo = Files.readAllBytes(PDQ.resolve(IMAGE));
        otherPhoto = Files.readAllBytes(PDQ.resolve("images/pen-and-coaster.png"));
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            String type;
            if (path.startsWith("/photo")) {
                body = photo;
                type = "image/jpeg";
            } else if (path.startsWith("/clip")) {
                body = org.takedown.support.Videos.bytes("reencoded.webm");
                type = "video/webm";
            } else if (path.startsWith("/other")) {
                body = otherPhoto;
                type = "image/png";
            } else if (path.startsWith("/gallery")) {
                body = ("<html><head><title>Holiday gallery</title></head><body><h1>Our trip</h1>"
                                + "<script>alert('x')</script><img src=\"/other.png\"><img src=\"/photo-embedded.jpg\">"
                                + "</body></html>")
                        .getBytes(StandardCharsets.UTF_8);
                type = "text/html; charset=utf-8";
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
    }

    @AfterAll
    static void stopSite() {
        site.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    Reports reports;

    @Autowired
    Triage triage;

    @Autowired
    Banks banks;

    @Autowired
    HashCheck hashes;

    @Autowired
    UserAccounts users;

    String url(String path) {
        return "http://look.example:" + site.getAddress().getPort() + path;
    }

    long report(String url) {
        return reports.submit(Channel.API, "police", null, null, null, List.of(url))
                .accepted()
                .getFirst()
                .urlId();
    }

    QueuedUrl.Content looked(long urlId) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> triage.get(urlId).content().summary() != null
                        || triage.get(urlId).content().problem() != null);
        return triage.get(urlId).content();
    }

    WebSession signedIn(Role role) {
        String name =
                role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        users.create(name, role, null, "first look password");
        return WebSession.signedIn(port, name, "first look password");
    }

    @Test
    void knownImagesAreProposedAndConfirmedWithOneClickOrByTheListsRule() throws IOException {
        String bank = "known-" + UUID.randomUUID().toString().substring(0, 6);
        banks.create(bank, "police", "reference images", null);
        String pdq = Files.readAllLines(PDQ.resolve("expected-cpp.csv")).stream()
                .filter(line -> line.endsWith("," + IMAGE))
                .findFirst()
                .orElseThrow()
                .substring(0, 64);
        banks.importEntries(
                bank,
                new ByteArrayInputStream(("pdq," + pdq + ",reference\n").getBytes(StandardCharsets.UTF_8)),
                LineFile.Format.CSV,
                "test",
                n -> {});
        // every instance follows the lists within a quarter second
        await().atMost(Duration.ofSeconds(5))
                .ignoreExceptions()
                .until(() -> !hashes.check(List.of(new HashQuery("pdq", pdq)), List.of(bank), false)
                        .getFirst()
                        .isEmpty());

        long direct = report(url("/photo.jpg"));
        long page = report(url("/gallery.html"));
        long unknown = report(url("/other.png"));
        long missing = report(url("/missing.jpg"));

        QueuedUrl.Content directLook = looked(direct);
        assertThat(directLook.proposedAssessment()).as(directLook.toString()).isEqualTo("BASELINE");
        assertThat(directLook.proposal()).contains("hash list '" + bank + "'").contains("pdq, distance");
        assertThat(directLook.summary()).startsWith("image (image/jpeg)");

        QueuedUrl.Content pageLook = looked(page);
        assertThat(pageLook.summary()).startsWith("Holiday gallery — Our trip").doesNotContain("<");
        assertThat(pageLook.proposal()).contains("in embedded image " + url("/photo-embedded.jpg"));

        assertThat(looked(unknown).proposedAssessment()).isNull();
        assertThat(looked(missing).problem()).isEqualTo("HTTP 404");

        // the analyst sees the proposal, never the image, and confirms it with one click
        WebSession analyst = signedIn(Role.ANALYST);
        String workbench = analyst.get("/intake/urls/" + direct).body();
        assertThat(workbench).contains("Confirm BASELINE (hash match)").doesNotContain("<img");
        assertThat(analyst.get("/intake").body()).contains("proposed BASELINE");
        // the URL's attribution history, from the workbench's link
        assertThat(WebSession.text(analyst.get("/attribution/urls/" + direct).body()))
                .contains("Attribution of URL " + direct)
                .contains("Every check, newest first");
        assertThat(analyst.follow(analyst.post(
                        "/intake/urls/" + direct + "/assessment",
                        Map.of("assessment", "BASELINE", "reason", directLook.proposal()))))
                .contains("URL " + direct + " assessed as BASELINE");

        // a supervisor lets the list confirm its own matches: the next URL with that image needs nobody
        WebSession supervisor = signedIn(Role.HOTLINE_SUPERVISOR);
        supervisor.get("/matching/banks/" + bank);
        assertThat(supervisor.follow(
                        supervisor.post("/matching/banks/" + bank + "/auto-confirm", Map.of("autoConfirm", "true"))))
                .contains("now assess a reported URL as BASELINE without an analyst");
        assertThat(analyst.post("/matching/banks/" + bank + "/auto-confirm", Map.of("autoConfirm", "false"))
                        .statusCode())
                .isEqualTo(403);
        long again = report(url("/photo-copy.jpg"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> triage.get(again).triage() == org.takedown.triage.TriageState.ASSESSED);
        assertThat(triage.get(again).assessedBy()).isEqualTo("rule:hash-list:" + bank);
        assertThat(triage.get(again).assessment()).isEqualTo(org.takedown.triage.Assessment.BASELINE);
    }

    @Test
    void aKnownVideoReEncodedIsProposedByItsFrames() {
        String bank = "known-videos-" + UUID.randomUUID().toString().substring(0, 6);
        banks.create(bank, "police", "reference videos", null);
        String listed = org.takedown.pdq.Vpdq.toJson(org.takedown.support.Videos.frames("original.mp4"));
        banks.importEntries(
                bank,
                new ByteArrayInputStream(("{\"type\":\"vpdq\",\"value\":" + json(listed) + ",\"label\":\"clip\"}\n")
                        .getBytes(StandardCharsets.UTF_8)),
                LineFile.Format.JSON_LINES,
                "test",
                n -> {});
        await().atMost(Duration.ofSeconds(5))
                .ignoreExceptions()
                .until(() -> !hashes.check(List.of(new HashQuery("vpdq", listed)), List.of(bank), false)
                        .getFirst()
                        .isEmpty());
        QueuedUrl.Content look = looked(report(url("/clip.webm")));
        assertThat(look.summary()).startsWith("video (video/webm)").contains("10 frames hashed");
        assertThat(look.proposedAssessment()).as(look.toString()).isEqualTo("BASELINE");
        assertThat(look.proposal())
                .contains("hash list '" + bank + "'")
                .contains("vpdq")
                .contains("100 % of its frames");
    }

    static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void internalAddressesAreNeverFetched() {
        long internal = report("http://nl-hosted.example/x.jpg"); // a documentation address in this test's DNS
        assertThat(looked(internal).problem())
                .startsWith("not fetched: refused: nl-hosted.example resolves to 192.0.2.20");
    }
}

package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import org.takedown.support.IntegrationTest;
import org.takedown.support.WebSession;

/** The hash list pages as a supervisor and an analyst use them. */
@IntegrationTest
class BanksPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    WebSession signIn(Role role) {
        String name =
                role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(name, role, null, "pages password 1");
        return WebSession.signedIn(port, name, "pages password 1");
    }

    @Test
    void supervisorCreatesImportsSearchesAndDisables() {
        WebSession supervisor = signIn(Role.HOTLINE_SUPERVISOR);
        String name = "page-" + UUID.randomUUID().toString().substring(0, 8);
        supervisor.get("/matching");
        HttpResponse<String> created = supervisor.post(
                "/matching/banks", Map.of("name", name, "source", "police", "description", "from the page"));
        assertThat(WebSession.location(created)).isEqualTo("/matching/banks/" + name);
        assertThat(WebSession.text(supervisor.get("/matching/banks/" + name).body()))
                .contains("Hash list '" + name + "' created.");

        String md5 = "7".repeat(32);
        HttpResponse<String> started = supervisor.postFile(
                "/matching/banks/" + name + "/imports",
                Map.of("provenance", "page test"),
                "file",
                "list.csv",
                ("md5," + md5 + ",seven\nmd5," + md5 + ",again\n").getBytes(StandardCharsets.UTF_8));
        String job = WebSession.location(started);
        assertThat(job).startsWith("/matching/imports/");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(supervisor.get(job).body()).contains("id=\"import-done\""));
        assertThat(supervisor.get(job).body())
                .containsPattern("Imported <span>2</span>\\s*lines: <span>1</span> added");

        String found = supervisor.get("/matching/search?type=md5&value=" + md5).body();
        assertThat(found).contains(name, "seven", "page test", "active");
        String entry = found.replaceAll("(?s).*data-entry=\"(\\d+)\".*", "$1");
        HttpResponse<String> disabled =
                supervisor.post("/matching/entries/" + entry + "/disable", Map.of("type", "md5", "value", md5));
        assertThat(supervisor.get(WebSession.location(disabled)).body())
                .contains("Entry " + entry + " disabled.")
                .contains("disabled");

        // when a video matches: the list's two shares, set on its page
        assertThat(WebSession.text(supervisor.get("/matching/banks/" + name).body()))
                .contains("when 80 % of its frames match a listed video's frames and 0 % of the listed video's");
        HttpResponse<String> saved = supervisor.post(
                "/matching/banks/" + name,
                Map.of(
                        "source", "police",
                        "description", "from the page",
                        "pdqThreshold", "31",
                        "vpdqQueryPercent", "70",
                        "vpdqComparedPercent", "50"));
        assertThat(WebSession.text(supervisor.get(WebSession.location(saved)).body()))
                .contains("when 70 % of its frames match a listed video's frames and 50 % of the listed video's");
        supervisor.get("/matching/banks/" + name);
        HttpResponse<String> refused = supervisor.post(
                "/matching/banks/" + name,
                Map.of("source", "changed", "pdqThreshold", "31", "vpdqQueryPercent", "101"));
        assertThat(WebSession.text(refused.body())).contains("vpdqQueryPercent is a percentage from 0 to 100");
        assertThat(WebSession.text(supervisor.get("/matching/banks/" + name).body()))
                .as("nothing of a refused form is saved")
                .doesNotContain("changed");

        supervisor.get("/matching/banks/" + name);
        HttpResponse<String> off = supervisor.post("/matching/banks/" + name + "/enabled", Map.of("enabled", "false"));
        assertThat(supervisor.get(WebSession.location(off)).body()).contains("id=\"state\">disabled<");
    }

    @Test
    void badImportShowsTheLineAndRefusedFormKeepsInput() {
        WebSession supervisor = signIn(Role.HOTLINE_SUPERVISOR);
        String name = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        supervisor.get("/matching");
        supervisor.post("/matching/banks", Map.of("name", name, "source", "police"));
        supervisor.get("/matching/banks/" + name);
        String job = WebSession.location(supervisor.postFile(
                "/matching/banks/" + name + "/imports",
                Map.of(),
                "file",
                "bad.csv",
                "md5,abc,short\n".getBytes(StandardCharsets.UTF_8)));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(supervisor.get(job).body()).contains("id=\"import-error\""));
        assertThat(supervisor.get(job).body()).contains("line 1: a md5 value has 32 hex digits, not 3");

        supervisor.get("/matching");
        HttpResponse<String> refused = supervisor.post("/matching/banks", Map.of("name", name, "source", "again"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(WebSession.text(refused.body()))
                .contains("a hash list named '" + name + "' already exists", "value=\"again\"");
    }

    @Test
    void analystsSeeButDoNotChange() {
        WebSession analyst = signIn(Role.ANALYST);
        String page = analyst.get("/matching").body();
        assertThat(page).contains("Find a hash").doesNotContain("New hash list");
        assertThat(analyst.post("/matching/banks", Map.of("name", "x", "source", "y"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(signIn(Role.OFFICER).get("/matching").statusCode()).isEqualTo(403);
    }
}

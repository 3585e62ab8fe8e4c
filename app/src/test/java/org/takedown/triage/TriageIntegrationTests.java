package org.takedown.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.intake.Channel;
import org.takedown.intake.Reports;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import org.takedown.support.IntegrationTest;
import org.takedown.support.WebSession;

/** The triage workbench as analysts and supervisors use it: queue, claim, assess, bulk, four eyes. */
@IntegrationTest
class TriageIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Reports reports;

    @Autowired
    Triage triage;

    @Autowired
    AuditLog audit;

    String newUser(Role role) {
        String name =
                role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        users.create(name, role, null, "triage password");
        return name;
    }

    WebSession signIn(String name) {
        return WebSession.signedIn(port, name, "triage password");
    }

    long report(String source, String url, String note) {
        return reports.submit(Channel.API, source, null, note, null, List.of(url))
                .accepted()
                .get(0)
                .urlId();
    }

    @Test
    void claimAssessAndNobodyElseAssessesTheSameUrl() {
        String domain = "t-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        long id = report("police", "http://www." + domain + "/a.jpg", "<script>alert(1)</script> seen on forum");
        String alice = newUser(Role.ANALYST);
        String bob = newUser(Role.ANALYST);
        WebSession a = signIn(alice);
        WebSession b = signIn(bob);

        String queue = a.get("/intake?domain=" + domain).body();
        assertThat(queue).contains("data-url=\"" + id + "\"");
        assertThat(WebSession.text(a.get("/intake/urls/" + id).body()))
                .contains("police: &lt;script&gt;alert(1)&lt;/script&gt; seen on forum")
                .doesNotContain("<script>alert(1)");

        assertThat(a.follow(a.post("/intake/urls/" + id + "/claim", Map.of()))).contains("You are assessing URL " + id);
        b.get("/intake/urls/" + id);
        assertThat(b.follow(b.post("/intake/urls/" + id + "/claim", Map.of())))
                .contains("URL " + id + " is being assessed by user:" + alice);
        assertThat(b.follow(b.post("/intake/urls/" + id + "/assessment", Map.of("assessment", "NATIONAL"))))
                .contains("is being assessed by user:" + alice);

        a.get("/intake/urls/" + id);
        assertThat(a.follow(a.post(
                        "/intake/urls/" + id + "/assessment", Map.of("assessment", "NOT_ILLEGAL", "reason", ""))))
                .contains("NOT_ILLEGAL needs a reason");
        assertThat(a.follow(a.post(
                        "/intake/urls/" + id + "/assessment", Map.of("assessment", "BASELINE", "siteType", "FORUM"))))
                .contains("URL " + id + " assessed as BASELINE.");
        assertThat(a.get("/intake?domain=" + domain).body()).doesNotContain("data-url=\"" + id + "\"");
        assertThat(triage.get(id).assessment()).isEqualTo(Assessment.BASELINE);
        assertThat(audit.about("url:" + id, 5)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("url.assessed");
            assertThat(entry.actor()).isEqualTo("user:" + alice);
            assertThat(entry.details()).contains("BASELINE", "FORUM");
        });
    }

    @Test
    void bulkAssessmentOfASelection() {
        String domain = "bulk-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        long first = report("foreign-hotline", "http://" + domain + "/1", null);
        long second = report("foreign-hotline", "http://" + domain + "/2", null);
        long third = report("foreign-hotline", "http://" + domain + "/3", null);
        WebSession analyst = signIn(newUser(Role.ANALYST));
        analyst.get("/intake?source=foreign-hotline&domain=" + domain);
        HttpResponse<String> bulk = analyst.postRaw("/intake/assessments", Map.of());
        assertThat(bulk.statusCode()).isEqualTo(403); // no CSRF token
        String page = analyst.follow(analyst.post(
                "/intake/assessments?url=" + first + "&url=" + second,
                Map.of("assessment", "NOT_ILLEGAL", "reason", "adult")));
        assertThat(page).contains("2 URL(s) assessed as NOT_ILLEGAL.");
        assertThat(triage.get(first).assessmentReason()).isEqualTo("adult");
        assertThat(triage.get(second).triage()).isEqualTo(TriageState.ASSESSED);
        assertThat(triage.get(third).triage()).isEqualTo(TriageState.QUEUED);
    }

    @Test
    void fourEyesNeedAnotherPersonToConfirm() {
        reports.setFourEyes("mailbox", true);
        try {
            String domain = "four-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
            long id = report("mailbox", "http://" + domain + "/x", "from the mailbox");
            String supervisorName = newUser(Role.HOTLINE_SUPERVISOR);
            WebSession supervisor = signIn(supervisorName);
            supervisor.get("/intake/urls/" + id);
            assertThat(supervisor.follow(
                            supervisor.post("/intake/urls/" + id + "/assessment", Map.of("assessment", "NATIONAL"))))
                    .contains("a supervisor must confirm it");
            assertThat(triage.get(id).triage()).isEqualTo(TriageState.AWAITING_CONFIRMATION);
            assertThat(supervisor.get("/intake").body())
                    .contains("id=\"awaiting\"")
                    .contains(domain);
            assertThat(supervisor.follow(supervisor.post("/intake/urls/" + id + "/confirmation", Map.of())))
                    .contains("four eyes: someone other than the assessor must confirm");

            WebSession analyst = signIn(newUser(Role.ANALYST));
            analyst.get("/intake");
            assertThat(analyst.post("/intake/urls/" + id + "/confirmation", Map.of())
                            .statusCode())
                    .isEqualTo(403);

            WebSession other = signIn(newUser(Role.HOTLINE_SUPERVISOR));
            other.get("/intake");
            assertThat(other.follow(other.post("/intake/urls/" + id + "/confirmation", Map.of())))
                    .contains("Assessment of URL " + id + " confirmed.");
            assertThat(triage.get(id).triage()).isEqualTo(TriageState.ASSESSED);
            assertThat(audit.about("url:" + id, 5))
                    .extracting(e -> e.action())
                    .containsExactly("url.confirmed", "url.assessed");
        } finally {
            reports.setFourEyes("mailbox", false);
        }
    }
}

package org.takedown.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.shared.audit.AuditEntry;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.web.Area;
import org.takedown.support.IntegrationTest;
import org.takedown.support.WebSession;

/** Sign-in, each role's access to each area, the hoster's binding to its company, throttling, CSRF and headers. */
@IntegrationTest
class SecurityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    AuditLog audit;

    @Autowired
    SignInFailures failures;

    private String newUser(Role role, Long company, String password) {
        String name =
                role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(name, role, company, password);
        return name;
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRoleOpensExactlyItsAreas(Role role) {
        String password = "correct horse battery";
        String name = newUser(role, role == Role.HOSTER ? 7L : null, password);
        WebSession session = WebSession.signedIn(port, name, password);

        assertThat(session.get("/dashboard").statusCode()).isEqualTo(200);
        for (Area area : Area.ALL) {
            int status = session.get(area.path()).statusCode();
            boolean allowed = area.isPublic() || area.roles().contains(role);
            if (area.id().equals("portal") && allowed) {
                assertThat(status).as(area.path()).isEqualTo(302); // to the hoster's own company page
            } else if (area.id().equals("admin") && allowed) {
                assertThat(status).as(area.path()).isEqualTo(302); // to the accounts page
            } else {
                assertThat(status).as("%s opening %s", role, area.path()).isEqualTo(allowed ? 200 : 403);
            }
        }
        String dashboard = session.get("/dashboard").body();
        assertThat(dashboard)
                .contains(role.name().charAt(0) + role.name().substring(1).toLowerCase() + " dashboard");
        if (role == Role.HOSTER) {
            assertThat(dashboard)
                    .containsPattern(
                            "You act for\\s*<strong id=\"acting-for\">hosting company 7 \\(not in the registry\\)</strong>");
        } else {
            assertThat(dashboard).doesNotContain("You act for");
        }
    }

    @Test
    void anonymousVisitorsSeePublicPagesAndAreSentToLoginForTheRest() {
        WebSession anonymous = new WebSession(port);
        for (String path : new String[] {"/", "/login", "/monitor", "/sanctions", "/css/takedown.css"}) {
            assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(200);
        }
        for (String path : new String[] {"/dashboard", "/intake", "/admin/users", "/portal", "/enforcement"}) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
    }

    @Test
    void hosterSeesOnlyItsOwnCompany() {
        String password = "hoster password 1";
        String name = newUser(Role.HOSTER, 41L, password);
        WebSession session = WebSession.signedIn(port, name, password);

        HttpResponse<String> portal = session.get("/portal");
        assertThat(portal.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/portal/companies/41"));
        assertThat(session.get("/portal/companies/41").body())
                .contains("id=\"company\">hosting company 41 (not in the registry)<");
        HttpResponse<String> other = session.get("/portal/companies/42");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).doesNotContain(">42<");
    }

    @Test
    void staffCannotOpenTheHosterPortalOfAnyCompany() {
        String password = "analyst password";
        WebSession analyst = WebSession.signedIn(port, newUser(Role.ANALYST, null, password), password);
        assertThat(analyst.get("/portal/companies/41").statusCode()).isEqualTo(403);
    }

    @Test
    void wrongPasswordIsRefusedAuditedAndThrottled() {
        String password = "the right password";
        String name = newUser(Role.ANALYST, null, password);
        WebSession session = new WebSession(port);

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> refused = session.login(name, "wrong password " + i);
            assertThat(refused.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
            assertThat(session.get("/login?error").body()).contains("Wrong username or password.");
        }
        HttpResponse<String> throttled = session.login(name, password);
        assertThat(throttled.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(session.get("/login?error").body()).contains("Too many failed sign-ins");

        assertThat(audit.about("user:" + name, 20))
                .extracting(e -> e.action())
                .filteredOn("login.failed"::equals)
                .hasSize(5);
        // the throttled attempt is counted in its network's summary, not entered on its own
        failures.flush();
        assertThat(audit.about("network:127.0.0.0/24", 1))
                .singleElement()
                .satisfies(entry -> assertThat(entry.details()).contains("\"throttled\": 1", name));
    }

    @Test
    void failuresNoAccountAnswersForAreSummedUpPerNetworkAndWindow() {
        failures.flush();
        long before =
                audit.latest(1).stream().mapToLong(AuditEntry::id).findFirst().orElse(0);
        WebSession session = new WebSession(port);
        String prefix = "nobody-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        // fewer than the 50 failures that throttle an address, which the other tests here sign in from too
        for (int i = 0; i < 20; i++) {
            session.login(prefix + i + "x".repeat(5_000), "guess " + i);
        }
        assertThat(audit.latest(1).stream()
                        .mapToLong(AuditEntry::id)
                        .findFirst()
                        .orElse(0))
                .as("20 sign-ins with unknown names add nothing yet")
                .isEqualTo(before);
        failures.flush();
        AuditEntry summary = audit.about("network:127.0.0.0/24", 1).getFirst();
        assertThat(summary.action()).isEqualTo("login.failures");
        assertThat(summary.details()).contains("\"failures\": 20", prefix, "127.0.0.1");
        assertThat(summary.details().length())
                .as("names are cut, at most five kept")
                .isLessThan(2_000);
        assertThat(audit.latest(5)).filteredOn(e -> e.id() > before).hasSize(1);
    }

    @Test
    void networksAreIpv4Slash24AndIpv6Slash48() {
        assertThat(SignInFailures.network("192.0.2.77")).isEqualTo("192.0.2.0/24");
        assertThat(SignInFailures.network("2001:db8:1:2::5")).isEqualTo("2001:db8:1:0:0:0:0:0/48");
        assertThat(SignInFailures.network("unknown")).isEqualTo(SignInFailures.OTHERS);
    }

    @Test
    void successfulLoginAndLogoutAreAudited() {
        String password = "audited password";
        String name = newUser(Role.OFFICER, null, password);
        WebSession session = WebSession.signedIn(port, name, password);
        session.get("/dashboard");
        assertThat(session.post("/logout", Map.of()).statusCode()).isEqualTo(302);
        assertThat(audit.about("user:" + name, 10))
                .extracting(e -> e.action())
                .contains("login.succeeded", "logout", "user.created");
        assertThat(session.get("/dashboard").statusCode()).isEqualTo(302);
    }

    @Test
    void disabledAccountCannotSignIn() {
        String password = "disabled password";
        String name = newUser(Role.ANALYST, null, password);
        users.setEnabled(name, false);
        WebSession session = new WebSession(port);
        session.login(name, password);
        assertThat(session.get("/login?error").body()).contains("This account is disabled.");
    }

    @Test
    void disablingAnAccountOrGivingItANewPasswordEndsItsSessions() throws Exception {
        String password = "session password";
        String name = newUser(Role.ANALYST, null, password);
        WebSession first = WebSession.signedIn(port, name, password);
        WebSession second = WebSession.signedIn(port, name, password);
        assertThat(first.get("/dashboard").statusCode()).isEqualTo(200);
        assertThat(second.get("/dashboard").statusCode()).isEqualTo(200);

        users.setEnabled(name, false);
        Thread.sleep(SessionCheck.RECHECK.toMillis() + 200);
        HttpResponse<String> ended = first.get("/dashboard");
        assertThat(ended.statusCode()).as("the signed-in session ends").isEqualTo(302);
        assertThat(ended.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(second.get("/intake").statusCode()).isEqualTo(302);
        assertThat(audit.about("user:" + name, 10)).extracting(e -> e.action()).contains("session.ended");

        // enabling the account again does not bring the old sessions back
        users.setEnabled(name, true);
        Thread.sleep(SessionCheck.RECHECK.toMillis() + 200);
        assertThat(first.get("/dashboard").statusCode()).isEqualTo(302);

        WebSession third = WebSession.signedIn(port, name, password);
        assertThat(third.get("/dashboard").statusCode()).isEqualTo(200);
        users.resetPassword(name, "a brand new password");
        Thread.sleep(SessionCheck.RECHECK.toMillis() + 200);
        assertThat(third.get("/dashboard").statusCode())
                .as("a new password ends the old sessions")
                .isEqualTo(302);
        assertThat(WebSession.signedIn(port, name, "a brand new password")
                        .get("/dashboard")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void formsWithoutCsrfTokenAreRefused() {
        String password = "admin password 1";
        WebSession admin = WebSession.signedIn(port, newUser(Role.ADMIN, null, password), password);
        HttpResponse<String> forged = admin.postRaw("/admin/users", Map.of("username", "forged", "role", "ADMIN"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(users.find("forged")).isEmpty();
    }

    @Test
    void pagesCarrySecureHeaders() {
        HttpResponse<String> home = new WebSession(port).get("/");
        assertThat(home.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
        assertThat(home.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(home.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(home.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }

    @Test
    void unknownPageIsA404PageForSignedInUsers() {
        String password = "analyst password 2";
        WebSession session = WebSession.signedIn(port, newUser(Role.ANALYST, null, password), password);
        HttpResponse<String> missing = session.get("/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("There is nothing at this address.");
    }

    @Test
    void menuShowsOnlyTheRolesAreas() {
        String password = "officer password";
        WebSession officer = WebSession.signedIn(port, newUser(Role.OFFICER, null, password), password);
        String page = officer.get("/dashboard").body();
        Set<String> shown = Area.ALL.stream()
                .filter(area -> page.contains("data-area=\"" + area.id() + "\""))
                .map(Area::id)
                .collect(java.util.stream.Collectors.toSet());
        assertThat(shown).containsExactlyInAnyOrder("enforcement", "monitoring", "sanctions");
    }
}

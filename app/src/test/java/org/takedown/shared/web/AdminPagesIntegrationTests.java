package org.takedown.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import org.takedown.support.ApiClient;
import org.takedown.support.IntegrationTest;
import org.takedown.support.WebSession;

/** The administration pages as an ADMIN uses them: accounts, API keys and the audit log. */
@IntegrationTest
class AdminPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    ApiKeys keys;

    WebSession admin;

    @BeforeEach
    void signIn() {
        String name = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(name, Role.ADMIN, null, "admin pages password");
        admin = WebSession.signedIn(port, name, "admin pages password");
    }

    @Test
    void createsAnAccountAndShowsItsPasswordOnce() {
        admin.get("/admin/users");
        String page = admin.follow(
                admin.post("/admin/users", Map.of("username", "dora", "role", "HOSTER", "hostingCompanyId", "12")));
        Matcher password =
                Pattern.compile("Its password, shown only now: (\\S+)</p>").matcher(page);
        assertThat(password.find()).as(page).isTrue();
        assertThat(page).contains("data-user=\"dora\"");
        WebSession dora = WebSession.signedIn(port, "dora", password.group(1));
        assertThat(dora.get("/portal/companies/12").statusCode()).isEqualTo(200);
        assertThat(admin.get("/admin/users").body()).doesNotContain(password.group(1));
    }

    @Test
    void refusedAccountFormKeepsWhatWasTyped() {
        admin.get("/admin/users");
        HttpResponse<String> refused =
                admin.post("/admin/users", Map.of("username", "erin", "role", "HOSTER", "hostingCompanyId", ""));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("must name the hosting company")
                .contains("value=\"erin\"")
                .containsPattern("<option value=\"HOSTER\" selected");
        assertThat(users.find("erin")).isEmpty();
    }

    @Test
    void disablesAndResetsAccounts() {
        users.create("frank", Role.ANALYST, null, "frank's password");
        admin.get("/admin/users");
        assertThat(admin.follow(admin.post("/admin/users/frank/enabled", Map.of("enabled", "false"))))
                .contains("Account 'frank' disabled.");
        assertThat(users.find("frank").orElseThrow().enabled()).isFalse();
        String page = admin.follow(admin.post("/admin/users/frank/password", Map.of()));
        assertThat(page).containsPattern("New password for 'frank', shown only now: \\S+");
        assertThat(admin.post("/admin/users/nobody/password", Map.of()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void issuesAndRevokesApiKeys() {
        admin.get("/admin/apikeys");
        String page = admin.follow(
                admin.post("/admin/apikeys", Map.of("name", "Auditor", "scope", "audit", "ratePerMinute", "30")));
        Matcher token = Pattern.compile("id=\"token\">(tdk_[A-Za-z0-9_]+)<").matcher(page);
        assertThat(token.find()).as(page).isTrue();
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/v1/audit/entries", token.group(1)).statusCode())
                .isEqualTo(200);

        long id = keys.list().stream()
                .filter(key -> key.name().equals("Auditor"))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(admin.follow(admin.post("/admin/apikeys/" + id + "/revoke", Map.of())))
                .contains("API key 'Auditor' revoked.")
                .doesNotContain(token.group(1));
        assertThat(api.get("/api/v1/audit/entries", token.group(1)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void refusedKeyFormSaysWhy() {
        admin.get("/admin/apikeys");
        HttpResponse<String> refused = admin.post("/admin/apikeys", Map.of("name", "No scopes"));
        assertThat(refused.body()).contains("needs at least one scope").contains("value=\"No scopes\"");
    }

    @Test
    void auditPageShowsEntriesAndVerifiesTheChain() {
        String page = admin.get("/admin/audit").body();
        assertThat(page).contains("login.succeeded");
        assertThat(admin.get("/admin/audit?verify=true").body()).contains("id=\"chain-intact\"");
    }

    @Test
    void otherRolesCannotAdminister() {
        users.create("gina", Role.HOTLINE_SUPERVISOR, null, "gina's password!");
        WebSession gina = WebSession.signedIn(port, "gina", "gina's password!");
        assertThat(gina.get("/admin/users").statusCode()).isEqualTo(403);
        gina.get("/dashboard");
        assertThat(gina.post("/admin/users", Map.of("username", "evil", "role", "ADMIN"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(users.find("evil")).isEmpty();
    }
}

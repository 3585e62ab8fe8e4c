package org.takedown.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.support.IntegrationTest;
import org.takedown.support.WebSession;

/** The demo prints one account per role; the printed passwords work, and change at the next start. */
@IntegrationTest
class DemoAccountsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    String start() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new DemoAccounts(accounts, new PrintStream(console, true, StandardCharsets.UTF_8)).run(null);
        return console.toString(StandardCharsets.UTF_8);
    }

    static String password(String printed, Role role) {
        return account(printed, role).group(2);
    }

    static Matcher account(String printed, Role role) {
        Matcher matcher = Pattern.compile("^\\s+" + role.name() + "\\s+(\\S+)\\s+(\\S+)", Pattern.MULTILINE)
                .matcher(printed);
        assertThat(matcher.find()).as("line for %s in%n%s", role, printed).isTrue();
        return matcher;
    }

    @Test
    void everyRoleGetsAWorkingAccountAndPasswordsChangeAtEveryStart() {
        String first = start();
        for (Role role : Role.values()) {
            WebSession.signedIn(port, account(first, role).group(1), password(first, role));
        }
        assertThat(account(first, Role.HOTLINE_SUPERVISOR).group(1)).isEqualTo("hotline-supervisor");
        assertThat(account(first, Role.AUTHORITY_SIGNATORY).group(1)).isEqualTo("authority-signatory");
        assertThat(accounts.find("hoster").orElseThrow().hostingCompanyId())
                .isEqualTo(DemoAccounts.DEMO_HOSTING_COMPANY);

        String second = start();
        assertThat(password(second, Role.ADMIN)).isNotEqualTo(password(first, Role.ADMIN));
        WebSession stale = new WebSession(port);
        stale.login("admin", password(first, Role.ADMIN));
        assertThat(stale.get("/login?error").body()).contains("Wrong username or password.");
    }
}

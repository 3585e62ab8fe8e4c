package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.takedown.support.Cli;
import org.takedown.support.TestDatabase;

/** The {@code takedown} command line as an operator uses it, against a real PostgreSQL database. */
class CliIntegrationTests {

    static TestDatabase.Info database;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create();
    }

    @Test
    void helpListsEverySubcommand() {
        String help = Cli.runExactly("--help");
        assertThat(help).startsWith("0|").contains("demo", "serve", "user", "apikey", "audit", "TAKEDOWN_DB_URL");
        assertThat(Cli.runExactly("apikey", "--help")).contains("create", "list", "revoke");
        assertThat(Cli.runExactly("user", "--help")).contains("create", "list", "disable", "enable", "reset-password");
    }

    @Test
    void wrongUsageExits2() {
        assertThat(Cli.runExactly("no-such-command")).startsWith("2|").contains("Unmatched argument");
        assertThat(Cli.run(database, "apikey", "create", "--name", "x", "--scope", "everything"))
                .startsWith("2|")
                .contains("unknown scope 'everything'");
        assertThat(Cli.run(database, "user", "create", "--username", "x1", "--role", "king"))
                .startsWith("2|")
                .contains("unknown role 'king'");
    }

    @Test
    void serveRefusesToStartWithoutAnExternalDatabase() {
        assertThat(Cli.runExactly("serve")).startsWith("2|").contains("TAKEDOWN_DB_URL");
    }

    @Test
    void apiKeysAreCreatedListedAndRevoked() {
        String created = Cli.run(
                database, "apikey", "create", "--name", "Police NL", "--scope", "report,audit", "--source", "police");
        assertThat(created).startsWith("0|").contains("Token, shown only now:");
        Matcher token = Pattern.compile("tdk_([A-Za-z0-9]{8})_[A-Za-z0-9]{40}").matcher(created);
        assertThat(token.find()).isTrue();
        String prefix = token.group(1);

        assertThat(Cli.run(database, "apikey", "list"))
                .startsWith("0|")
                .contains(prefix, "Police NL", "report,audit", "police", "active")
                .doesNotContain(token.group());
        assertThat(Cli.run(database, "apikey", "revoke", prefix))
                .startsWith("0|")
                .contains("Revoked API key");
        assertThat(Cli.run(database, "apikey", "list")).contains("revoked");
        assertThat(Cli.run(database, "apikey", "revoke", prefix))
                .startsWith("1|")
                .contains("already revoked");
        assertThat(Cli.run(database, "apikey", "create", "--name", "Mixed", "--scope", "enforcement,banks"))
                .startsWith("1|")
                .contains(
                        "a key works for one organisation, not for several: banks (hotline), enforcement (authority)");
        assertThat(Cli.run(database, "apikey", "create", "--name", "Hoster", "--scope", "hoster"))
                .startsWith("1|")
                .contains("must name the hosting company");
    }

    @Test
    void usersAreManagedAndEveryChangeIsAuditedAsTheOperator() {
        assertThat(Cli.run(database, "user", "create", "--username", "Carol", "--role", "supervisor"))
                .startsWith("2|")
                .contains("hotline-supervisor", "authority-signatory");
        assertThat(Cli.run(database, "user", "create", "--username", "Carol", "--role", "hotline-supervisor"))
                .startsWith("0|")
                .contains("Created carol (HOTLINE_SUPERVISOR). Password, shown only now: ");
        assertThat(Cli.run(database, "user", "create", "--username", "carol", "--role", "analyst"))
                .startsWith("1|")
                .contains("already exists");
        assertThat(Cli.run(database, "user", "create", "--username", "hosty", "--role", "hoster"))
                .startsWith("1|")
                .contains("must name the hosting company");
        assertThat(Cli.run(database, "user", "disable", "carol"))
                .startsWith("0|")
                .contains("carol: disabled");
        assertThat(Cli.run(database, "user", "list")).contains("carol", "HOTLINE_SUPERVISOR", "disabled");
        assertThat(Cli.run(database, "user", "reset-password", "nobody"))
                .startsWith("1|")
                .contains("no account named");

        String verify = Cli.run(database, "audit", "verify");
        assertThat(verify).startsWith("0|Audit log intact:");
        try (var connection =
                        java.sql.DriverManager.getConnection(database.url(), database.username(), database.password());
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT actor FROM audit_log WHERE subject = 'user:carol'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("cli:" + System.getProperty("user.name"));
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}

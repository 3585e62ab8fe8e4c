package org.takedown.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.takedown.shared.persistence.EmbeddedDatabase;

/**
 * The PostgreSQL server tests run against: the one {@code TAKEDOWN_TEST_DB_URL} names (with
 * {@code TAKEDOWN_TEST_DB_USERNAME}/{@code _PASSWORD}), or one embedded server started once per test JVM. Every test
 * application context gets a fresh database on it, so contexts never see each other's rows.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Server server;

    private TestDatabase() {}

    /** Creates a new empty database and returns how to reach it. */
    public static synchronized Info create() {
        Server s = server();
        String name = "takedown_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(s.adminUrl, s.username, s.password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return s.twoRoles
                ? new Info(s.urlOf(name), APP_ROLE, "", s.username, s.password)
                : new Info(s.urlOf(name), s.username, s.password, s.username, s.password);
    }

    /**
     * The login tests' applications use, as the embedded default does: it owns nothing and may only read and append
     * to the audit log. The server's admin owns the schema and runs the migrations.
     */
    static final String APP_ROLE = EmbeddedDatabase.APP_ROLE;

    private static Server server() {
        if (server == null) {
            String url = System.getenv("TAKEDOWN_TEST_DB_URL");
            if (url != null && !url.isBlank()) {
                server = new Server(url, env("TAKEDOWN_TEST_DB_USERNAME"), env("TAKEDOWN_TEST_DB_PASSWORD"), false);
            } else {
                try {
                    EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            embedded.close();
                        } catch (IOException e) {
                            // the JVM is ending anyway
                        }
                    }));
                    server = new Server(
                            "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres", "postgres", "", true);
                    EmbeddedDatabase.ensureAppRole(server.adminUrl(), server.username(), server.password());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start embedded PostgreSQL for tests", e);
                }
            }
        }
        return server;
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }

    /**
     * A PostgreSQL server and how to create databases on it.
     *
     * @param twoRoles the applications log in as {@link #APP_ROLE} (on the embedded server, which trusts loopback);
     *     on an external server they log in as its admin, who owns everything
     */
    private record Server(String adminUrl, String username, String password, boolean twoRoles) {
        String urlOf(String database) {
            int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
            int query = adminUrl.indexOf('?', slash);
            return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
        }
    }

    /** How to reach one test database: as the application does, and as the schema's owner. */
    public record Info(String url, String username, String password, String ownerUsername, String ownerPassword) {

        /** The database of a test's application context. */
        public static Info of(org.springframework.core.env.Environment environment) {
            return new Info(
                    environment.getRequiredProperty("takedown.db.url"),
                    environment.getProperty("takedown.db.username", ""),
                    environment.getProperty("takedown.db.password", ""),
                    environment.getProperty("takedown.db.owner-username", ""),
                    environment.getProperty("takedown.db.owner-password", ""));
        }

        /** The same database reached as its owner, as a database administrator would. */
        public Info asOwner() {
            return new Info(url, ownerUsername, ownerPassword, ownerUsername, ownerPassword);
        }
    }
}

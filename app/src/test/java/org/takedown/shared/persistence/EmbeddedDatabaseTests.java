package org.takedown.shared.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.takedown.support.ServerProcess;

/** The embedded PostgreSQL keeps its data across restarts and lets a second process attach to a running one. */
class EmbeddedDatabaseTests {

    @TempDir
    Path dir;

    @Test
    void keepsDataAcrossRestartsAndAttachesToARunningServer() throws Exception {
        int port = ServerProcess.freePort();
        Path data = dir.resolve("postgres");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(data, port)) {
            execute(
                    first,
                    "CREATE TABLE kept (value TEXT); INSERT INTO kept VALUES ('still here');"
                            + " GRANT SELECT ON kept TO " + first.username());
            try (EmbeddedDatabase attached = EmbeddedDatabase.start(data, port)) {
                assertThat(query(attached, "SELECT value FROM kept")).isEqualTo("still here");
                assertThat(query(attached, "SELECT current_user")).isEqualTo("takedown_app");
                assertThatThrownBy(() -> query(attached, "CREATE TABLE mine (x int); SELECT 1"))
                        .hasMessageContaining("permission denied");
            }
            // closing the attached instance leaves the server running
            assertThat(query(first, "SELECT count(*) FROM kept")).isEqualTo("1");
        }
        assertThat(Files.exists(data.resolve("postmaster.pid"))).isFalse();
        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(data, port)) {
            assertThat(query(restarted, "SELECT value FROM kept")).isEqualTo("still here");
        }
    }

    @Test
    void startsWithTheSettingsItIsGiven() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(
                dir.resolve("tuned"), ServerProcess.freePort(), java.util.Map.of("autovacuum_naptime", "1s"))) {
            assertThat(query(database, "SHOW autovacuum_naptime")).isEqualTo("1s");
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("plain"), ServerProcess.freePort())) {
            assertThat(query(database, "SHOW autovacuum_naptime")).isEqualTo("1min");
        }
    }

    /** As the owner: the application's role may not create tables. */
    private static void execute(EmbeddedDatabase database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.ownerUsername(), "")) {
            connection.createStatement().execute(sql);
        }
    }

    private static String query(EmbeddedDatabase database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}

package org.takedown.shared.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL server on loopback whose files are kept in a directory, so data survives restarts.
 *
 * <p>If a server for the same directory already runs (a demo, while a CLI command is used), the new instance
 * attaches to it instead of starting a second one, and leaves it running on {@link #close()}. Not thread-safe; one
 * instance per application context.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final int port;
    private final @Nullable EmbeddedPostgres server;

    private EmbeddedDatabase(int port, @Nullable EmbeddedPostgres server) {
        this.port = port;
        this.server = server;
    }

    /** Starts the server for {@code dataDir} on {@code port}, or attaches to the one already running there. */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        return start(dataDir, port, java.util.Map.of());
    }

    /**
     * Starts the server for {@code dataDir} on {@code port} with PostgreSQL {@code settings}, or attaches to the one
     * already running there (as it is).
     */
    public static EmbeddedDatabase start(Path dataDir, int port, java.util.Map<String, String> settings) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (Files.exists(dir.resolve("postmaster.pid")) && accepts(port)) {
            log.info("Using the embedded PostgreSQL already running for {} on port {}", dir, port);
            EmbeddedDatabase attached = new EmbeddedDatabase(port, null);
            attached.ensureAppRole();
            return attached;
        }
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port);
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres server = builder.start();
            log.info("Started embedded PostgreSQL for {} on port {}", dir, port);
            EmbeddedDatabase started = new EmbeddedDatabase(port, server);
            started.ensureAppRole();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not start the embedded PostgreSQL in " + dir + " on port " + port
                            + ". Is another program using that port? Set takedown.db.embedded.port, or point"
                            + " TAKEDOWN_DB_URL at an external PostgreSQL.",
                    e);
        }
    }

    /** JDBC URL of the {@code postgres} database on this server. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The superuser of the embedded server, which owns the schema and runs the migrations. */
    public String ownerUsername() {
        return "postgres";
    }

    /** The application's login: it may read and write the tables, but only read and append to the audit log. */
    public String username() {
        return APP_ROLE;
    }

    /** The application's role on every embedded server (and on the tests' server). */
    public static final String APP_ROLE = "takedown_app";

    private void ensureAppRole() {
        ensureAppRole(jdbcUrl(), ownerUsername(), "");
    }

    /**
     * Creates the application's role {@link #APP_ROLE} on the server at {@code adminUrl} unless it exists, as
     * {@code admin}. Without a password: the embedded servers trust loopback connections.
     */
    public static void ensureAppRole(String adminUrl, String admin, String password) {
        try (Connection connection = DriverManager.getConnection(adminUrl, admin, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + APP_ROLE
                    + "') THEN CREATE ROLE " + APP_ROLE + " LOGIN; END IF; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the application's role on the embedded PostgreSQL", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

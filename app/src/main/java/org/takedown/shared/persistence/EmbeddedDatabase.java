package org.takedown.shared.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path dir = dataDir.toAbsolutePath().normalize();
        if (Files.exists(dir.resolve("postmaster.pid")) && accepts(port)) {
            log.info("Using the embedded PostgreSQL already running for {} on port {}", dir, port);
            return new EmbeddedDatabase(port, null);
        }
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
            log.info("Started embedded PostgreSQL for {} on port {}", dir, port);
            return new EmbeddedDatabase(port, server);
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

    /** The superuser of the embedded server. */
    public String username() {
        return "postgres";
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

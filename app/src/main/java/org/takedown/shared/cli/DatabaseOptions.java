package org.takedown.shared.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Which database a command uses: an external one by JDBC URL, or the embedded one under the data directory. */
public final class DatabaseOptions {

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            description = "External PostgreSQL, e.g. jdbc:postgresql://localhost:5432/takedown"
                    + " (default: TAKEDOWN_DB_URL; when unset, the embedded database)")
    private @Nullable String url;

    @Option(names = "--db-username", description = "User of the external database (default: TAKEDOWN_DB_USERNAME)")
    private @Nullable String username;

    @Option(
            names = "--db-password",
            description = "Password of the external database (default: TAKEDOWN_DB_PASSWORD, which keeps it out of"
                    + " the process list)")
    private @Nullable String password;

    @Option(
            names = "--db-owner-username",
            description = "Owner of the external database's schema, who runs the migrations (default:"
                    + " TAKEDOWN_DB_OWNER_USERNAME; when unset, the user above)")
    private @Nullable String ownerUsername;

    @Option(names = "--db-owner-password", description = "The owner's password (default: TAKEDOWN_DB_OWNER_PASSWORD)")
    private @Nullable String ownerPassword;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the embedded database keeps its files (default: ./data)")
    private @Nullable Path dataDir;

    public @Nullable String url() {
        return url;
    }

    /** These options as Spring Boot command-line arguments; unset options leave configuration as it is. */
    public List<String> springArguments() {
        List<String> args = new ArrayList<>();
        if (url != null) {
            args.add("--takedown.db.url=" + url);
        }
        if (username != null) {
            args.add("--takedown.db.username=" + username);
        }
        if (password != null) {
            args.add("--takedown.db.password=" + password);
        }
        if (ownerUsername != null) {
            args.add("--takedown.db.owner-username=" + ownerUsername);
        }
        if (ownerPassword != null) {
            args.add("--takedown.db.owner-password=" + ownerPassword);
        }
        args.add("--takedown.db.embedded.data-dir="
                + dataDir().resolve("postgres").toAbsolutePath());
        args.add("--takedown.data-dir=" + dataDir().toAbsolutePath());
        return args;
    }

    /** The data directory: {@code --data-dir}, or {@code data/} under the installation. */
    public Path dataDir() {
        return dataDir != null ? dataDir : defaultDataDir();
    }

    /** {@code data/} under the Takedown installation ({@code takedown.home}, set by the launcher) or here. */
    static Path defaultDataDir() {
        return Path.of(System.getProperty("takedown.home", ".")).resolve("data");
    }
}

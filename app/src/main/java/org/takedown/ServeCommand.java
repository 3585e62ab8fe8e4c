package org.takedown;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code takedown serve}: production mode on an external PostgreSQL, without demo accounts. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Runs Takedown in production mode on an external PostgreSQL, without demo accounts.",
            "Set TAKEDOWN_DB_URL (jdbc:postgresql://host:5432/takedown), TAKEDOWN_DB_USERNAME and",
            "TAKEDOWN_DB_PASSWORD, or use the --db-* options. Create the first administrator with:",
            "  takedown user create --username NAME --role ADMIN"
        })
final class ServeCommand extends ServerCommand {

    @Override
    String refusal() {
        String env = System.getenv("TAKEDOWN_DB_URL");
        if (database.url() == null && (env == null || env.isBlank())) {
            return "serve needs an external PostgreSQL: set TAKEDOWN_DB_URL or pass --db-url"
                    + " (use 'takedown demo' to try Takedown on an embedded database)";
        }
        return null;
    }

    @Override
    List<String> modeArguments() {
        return List.of("--takedown.demo.enabled=false");
    }
}

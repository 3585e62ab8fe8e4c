package org.takedown;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code takedown demo}: the whole application on an embedded database with demo accounts. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs Takedown as a demo on http://localhost:8080 with an embedded PostgreSQL kept under ./data.",
            "Creates one demo account per role and prints their passwords (new ones at every start)."
        })
final class DemoCommand extends ServerCommand {

    @Override
    List<String> modeArguments() {
        return List.of("--takedown.demo.enabled=true");
    }
}

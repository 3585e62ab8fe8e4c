package org.takedown;

import java.util.List;
import org.takedown.attribution.OfflineData;
import picocli.CommandLine.Command;

/** {@code takedown demo}: the whole application on an embedded database with demo accounts. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Runs Takedown as a demo on http://localhost:8080, on an embedded PostgreSQL kept under ./data.",
            "Creates one demo account per role and prints their passwords (new ones at every start).",
            "On first run it fetches the IP-to-ASN data with npm (see: takedown data update).",
            "Listens on 127.0.0.1 only; set SERVER_ADDRESS to listen elsewhere."
        })
final class DemoCommand extends ServerCommand {

    @Override
    void prepare() {
        OfflineData.ensurePresent(database.dataDir(), spec.commandLine().getOut());
    }

    @Override
    List<String> modeArguments() {
        String address = System.getenv("SERVER_ADDRESS");
        return List.of(
                "--takedown.demo.enabled=true",
                "--server.address=" + (address == null || address.isBlank() ? "127.0.0.1" : address));
    }
}

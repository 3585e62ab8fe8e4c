package org.takedown;

import java.util.List;
import java.util.Objects;
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
            "Listens on 127.0.0.1 only; set SERVER_ADDRESS to listen elsewhere.",
            "Runs scenarios/demo.yaml live on a clock 60 times faster than real time: fictional hosting companies",
            "on a simulated web on loopback, so every screen has data; a fifth of the URLs waits for triage.",
            "Its first start simulates the first 50 hours ahead (breaches of the 24-hour norm included); a restart continues."
        })
final class DemoCommand extends ServerCommand {

    @Override
    void prepare() {
        OfflineData.ensurePresent(database.dataDir(), spec.commandLine().getOut());
    }

    @Override
    List<String> modeArguments() {
        String address = System.getenv("SERVER_ADDRESS");
        String chosen = System.getenv("TAKEDOWN_DEMO_SCENARIO");
        java.nio.file.Path scenario = chosen != null && !chosen.isBlank()
                ? java.nio.file.Path.of(chosen).toAbsolutePath()
                : java.nio.file.Path.of(System.getProperty("takedown.home", "."))
                        .resolve("scenarios/demo.yaml")
                        .toAbsolutePath();
        List<String> args = new java.util.ArrayList<>(List.of(
                "--takedown.demo.enabled=true",
                "--server.address=" + (address == null || address.isBlank() ? "127.0.0.1" : address)));
        if (!"none".equals(chosen) && java.nio.file.Files.exists(scenario)) {
            // the demo scenario runs live on a clock 60 times faster than real time: its simulated web on loopback
            args.addAll(List.of(
                    "--takedown.simulation.scenario=" + scenario,
                    "--takedown.simulation.live=true",
                    "--takedown.attribution.resolver=simulation",
                    "--takedown.probing.allow-loopback=true",
                    "--takedown.probing.first-look=false",
                    // a check's batch waits for its checks, so that the first days simulated ahead never outrun them
                    "--takedown.probing.patience=2s",
                    "--takedown.clock.mode=simulated",
                    "--takedown.simulation.warm-up="
                            + Objects.requireNonNullElse(System.getenv("TAKEDOWN_DEMO_WARM_UP"), "P2DT2H"),
                    "--takedown.clock.speed="
                            + Objects.requireNonNullElse(System.getenv("TAKEDOWN_DEMO_SPEED"), "60")));
        }
        return args;
    }
}

package org.takedown.attribution.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the IP-to-ASN data lives: {@code data/ip-location-db} under the Takedown installation, or {@code --data-dir}. */
final class DataDirectory {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Takedown's data directory (default: ./data)")
    Path dataDir;

    Path asnData() {
        Path base = dataDir != null
                ? dataDir
                : Path.of(System.getProperty("takedown.home", ".")).resolve("data");
        return base.resolve("ip-location-db");
    }
}

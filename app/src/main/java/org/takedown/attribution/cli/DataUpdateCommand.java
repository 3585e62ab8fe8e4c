package org.takedown.attribution.cli;

import java.util.concurrent.Callable;
import org.takedown.attribution.asn.AsnDatabase;
import org.takedown.attribution.asn.DataUpdate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code takedown data update}. */
@Command(
        name = "update",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Fetch the IP-to-ASN and country data (npm packages @ip-location-db/asn and @ip-location-db/asn-country,",
            "CC BY 4.0) into ./data/ip-location-db: with npm when it is installed, or from --from (a directory with",
            "the CSV files or package .tgz files, a .tgz, or an http(s) URL of one). A failed update changes nothing."
        })
final class DataUpdateCommand implements Callable<Integer> {

    @Mixin
    DataDirectory directory;

    @Option(names = "--from", paramLabel = "PATH_OR_URL", description = "Where to take the data from instead of npm")
    String from;

    @Option(
            names = "--integrity",
            paramLabel = "SRI",
            description = "npm's dist.integrity of the package given by --from (sha512-<base64>): checked before"
                    + " anything is replaced")
    String integrity;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            spec.commandLine().getOut().println(DataUpdate.update(directory.asnData(), from, integrity));
            spec.commandLine().getOut().println(AsnDatabase.ATTRIBUTION);
            return 0;
        } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
    }
}

package org.takedown.matching.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.matching.Banks;
import org.takedown.matching.HashType;
import org.takedown.shared.cli.DatabaseCommand;
import org.takedown.shared.errors.InvalidRequestException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code takedown bank export NAME}: a list's live entries from the local database, in a format the import reads. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Write a list's live entries as CSV 'type,value,label', JSON lines, with --format plain and --type",
            "one hash of that type per line (as police and NCMEC lists are handed over), or with --format hma as",
            "HMA's signal file ('signal_type signal' per line). To a file or stdout."
        })
final class BankExportCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The hash list")
    String bank;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv (default), jsonl, plain or hma")
    String format = "csv";

    @Option(names = "--type", paramLabel = "TYPE", description = "Only entries of this type (required for plain)")
    String type;

    @Option(names = "--out", paramLabel = "FILE", description = "The file to write (default: stdout)")
    Path file;

    @Override
    protected int run(ConfigurableApplicationContext context) {
        HashType only;
        try {
            only = type == null ? null : HashType.parse(type);
        } catch (IllegalArgumentException e) {
            err().println("error: --type: " + e.getMessage());
            return 2;
        }
        Banks banks = context.getBean(Banks.class);
        try {
            if (file == null) {
                banks.export(bank, format, only, out());
                return 0;
            }
            try (Writer out = Files.newBufferedWriter(file)) {
                long written = banks.export(bank, format, only, out);
                out().printf("Exported %d entries of %s to %s.%n", written, bank, file);
            }
            return 0;
        } catch (InvalidRequestException e) {
            err().println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err().println("error: cannot write: " + e.getMessage());
            return 1;
        }
    }
}

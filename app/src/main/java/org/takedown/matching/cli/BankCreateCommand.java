package org.takedown.matching.cli;

import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.matching.Bank;
import org.takedown.matching.Banks;
import org.takedown.shared.cli.DatabaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code takedown bank create}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a hash list in the local database.")
final class BankCreateCommand extends DatabaseCommand {

    @Parameters(paramLabel = "NAME", description = "Name of the list (letters, digits, '.', '_', '-')")
    String name;

    @Option(names = "--source", required = true, description = "Where the hashes come from: police, Interpol, ...")
    String source;

    @Option(names = "--description", description = "What the list holds")
    String description;

    @Option(names = "--pdq-threshold", paramLabel = "BITS", description = "PDQ match threshold (default 31)")
    Integer threshold;

    @Override
    protected int run(ConfigurableApplicationContext context) {
        Bank bank = context.getBean(Banks.class).create(name, source, description, threshold);
        out().printf(
                        "Created hash list %s (source %s, PDQ threshold %d).%n",
                        bank.name(), bank.source(), bank.pdqThreshold());
        return 0;
    }
}

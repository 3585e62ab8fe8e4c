package org.takedown.intake.cli;

import picocli.CommandLine.Command;

/** {@code takedown import ...}. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import files into the local database.",
        subcommands = ImportReportsCommand.class)
public final class ImportCommand {}

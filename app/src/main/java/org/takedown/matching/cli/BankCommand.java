package org.takedown.matching.cli;

import picocli.CommandLine.Command;

/** {@code takedown bank ...}: hash lists. */
@Command(
        name = "bank",
        mixinStandardHelpOptions = true,
        description = "Manage hash lists (banks) in the local database or, with --server, on a Takedown server.",
        subcommands = {BankCreateCommand.class, BankListCommand.class, BankImportCommand.class, BankExportCommand.class
        })
public final class BankCommand {}

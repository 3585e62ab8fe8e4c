package org.takedown.attribution.cli;

import picocli.CommandLine.Command;

/** {@code takedown data ...}: the offline data sets. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Manage the offline data sets (IP to ASN and country).",
        subcommands = DataUpdateCommand.class)
public final class DataCommand {}

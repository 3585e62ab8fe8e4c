package org.takedown.shared.security.cli;

import picocli.CommandLine.Command;

/** {@code takedown apikey ...}: API keys of machine clients. */
@Command(
        name = "apikey",
        mixinStandardHelpOptions = true,
        description = "Manage API keys of machine clients (every change is audited).",
        subcommands = {ApiKeyCreateCommand.class, ApiKeyListCommand.class, ApiKeyRevokeCommand.class})
public final class ApiKeyCommand {}

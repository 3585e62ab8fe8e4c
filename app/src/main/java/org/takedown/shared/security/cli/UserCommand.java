package org.takedown.shared.security.cli;

import picocli.CommandLine.Command;

/** {@code takedown user ...}: accounts of people who sign in. */
@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        description = "Manage the accounts of people who sign in (every change is audited).",
        subcommands = {
            UserCreateCommand.class,
            UserListCommand.class,
            UserEnableCommand.class,
            UserDisableCommand.class,
            UserResetPasswordCommand.class
        })
public final class UserCommand {}

package org.takedown.shared.security.cli;

import picocli.CommandLine.Command;

/** {@code takedown user enable}. */
@Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable an account.")
final class UserEnableCommand extends UserStateCommand {

    UserEnableCommand() {
        super(true);
    }
}

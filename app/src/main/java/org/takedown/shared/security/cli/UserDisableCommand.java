package org.takedown.shared.security.cli;

import picocli.CommandLine.Command;

/** {@code takedown user disable}. */
@Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an account.")
final class UserDisableCommand extends UserStateCommand {

    UserDisableCommand() {
        super(false);
    }
}

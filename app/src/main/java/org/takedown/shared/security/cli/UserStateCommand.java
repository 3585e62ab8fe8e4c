package org.takedown.shared.security.cli;

import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.shared.cli.DatabaseCommand;
import org.takedown.shared.security.UserAccounts;
import picocli.CommandLine.Parameters;

/** Enables or disables an account: the shared body of {@code user enable} and {@code user disable}. */
abstract class UserStateCommand extends DatabaseCommand {

    private final boolean enabled;

    @Parameters(paramLabel = "USERNAME", description = "The account")
    String username;

    UserStateCommand(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    protected int run(ConfigurableApplicationContext context) {
        context.getBean(UserAccounts.class).setEnabled(username, enabled);
        out().printf("%s: %s%n", username, enabled ? "enabled" : "disabled");
        return 0;
    }
}

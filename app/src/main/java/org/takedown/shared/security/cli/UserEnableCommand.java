package org.takedown.shared.security.cli;

import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.shared.cli.DatabaseCommand;
import org.takedown.shared.security.UserAccounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code takedown user enable}. */
@Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable an account.")
final class UserEnableCommand extends DatabaseCommand {

    @Parameters(paramLabel = "USERNAME", description = "The account")
    String username;

    @Override
    protected int run(ConfigurableApplicationContext context) {
        context.getBean(UserAccounts.class).setEnabled(username, true);
        out().printf("%s: enabled%n", username);
        return 0;
    }
}
